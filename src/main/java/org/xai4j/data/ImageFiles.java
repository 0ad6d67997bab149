package org.xai4j.data;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.xai4j.util.AtomicFiles;

/**
 * PNG/JPEG reading and writing with {@code javax.imageio}, on raster samples (no colour conversion): 8-bit images
 * scale by 1/255, 16-bit by 1/65535; grey gives one channel, RGB three (alpha is dropped); palette images are
 * expanded to RGB.
 */
final class ImageFiles {
    private ImageFiles() {
    }

    /** A decoded image: C x H x W floats in [0, 1]. */
    record Pixels(float[] data, int channels, int height, int width) {
    }

    /** Reads an image; throws IOException when the file is not a readable image. */
    static Pixels read(Path file) throws IOException {
        BufferedImage img = ImageIO.read(file.toFile());
        if (img == null) {
            throw new IOException("not a readable PNG/JPEG image");
        }
        int w = img.getWidth();
        int h = img.getHeight();
        if (img.getColorModel() instanceof IndexColorModel palette) {
            int channels = isGrey(palette) ? 1 : 3;
            float[] out = new float[channels * h * w];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int rgb = img.getRGB(x, y);
                    for (int c = 0; c < channels; c++) {
                        out[c * h * w + y * w + x] = ((rgb >> (16 - 8 * c)) & 0xFF) / 255f;
                    }
                }
            }
            return new Pixels(out, channels, h, w);
        }
        Raster r = img.getRaster();
        int bands = r.getNumBands();
        int channels = bands >= 3 ? 3 : 1;
        int bits = img.getColorModel().getComponentSize(0);
        float max = (float) ((1L << bits) - 1);
        float[] out = new float[channels * h * w];
        int[] row = new int[w];
        for (int c = 0; c < channels; c++) {
            for (int y = 0; y < h; y++) {
                r.getSamples(0, y, w, 1, c, row);
                for (int x = 0; x < w; x++) {
                    out[c * h * w + y * w + x] = row[x] / max;
                }
            }
        }
        return new Pixels(out, channels, h, w);
    }

    private static boolean isGrey(IndexColorModel palette) {
        for (int i = 0; i < palette.getMapSize(); i++) {
            if (palette.getRed(i) != palette.getGreen(i) || palette.getRed(i) != palette.getBlue(i)) {
                return false;
            }
        }
        return true;
    }

    /** Writes one channel as a 16-bit grey PNG; values must lie in [0, 1]. */
    static void write16(Path file, float[] data, int offset, int height, int width) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_USHORT_GRAY);
        WritableRaster r = img.getRaster();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                float v = data[offset + y * width + x];
                if (!(v >= 0f && v <= 1f)) {
                    throw new IllegalArgumentException(file + ": pixel " + x + "," + y + " = " + v
                            + " is outside [0, 1]; export raw (un-normalised) samples");
                }
                r.setSample(x, y, 0, Math.round(v * 65535));
            }
        }
        png(file, img);
    }

    /** Writes a mask as an 8-bit grey PNG (0 and 255 for a binary mask). */
    static void write8(Path file, float[] mask, int height, int width) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        WritableRaster r = img.getRaster();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                float v = Math.min(1f, Math.max(0f, mask[y * width + x]));
                r.setSample(x, y, 0, Math.round(v * 255));
            }
        }
        png(file, img);
    }

    private static void png(Path file, BufferedImage img) {
        AtomicFiles.write(file, out -> {
            if (!ImageIO.write(img, "png", out)) {
                throw new IOException("no PNG writer for " + file);
            }
        });
    }
}
