package org.xai4j.report;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.xai4j.util.AtomicFiles;

/**
 * One segmented image as a PNG of three panels, each scaled up by an integer zoom with a 2-pixel gap: the input
 * (grey), the anomaly map (black - red - yellow - white "hot" colours, scaled to its own maximum) and the input with
 * the true lesion contour in red and the predicted one in green (yellow where they coincide). Contours are drawn on
 * the pixels of a mask that touch a pixel outside it, at the zoomed resolution.
 */
public final class SegmentationOverlay {
    private static final int GAP = 2;
    private static final int TRUE_RGB = 0xFF2020;
    private static final int PREDICTED_RGB = 0x20E020;
    private static final int BOTH_RGB = 0xFFE020;

    private SegmentationOverlay() {
    }

    /**
     * @param image     H x W grey values in [0, 1] (clamped)
     * @param map       H x W anomaly map; negative values are drawn as 0
     * @param predicted H x W predicted mask (1 = lesion)
     * @param truth     H x W true lesion mask
     * @param zoom      integer scale factor, >= 1
     */
    public static void write(Path png, float[] image, float[] map, float[] predicted, float[] truth, int height,
                             int width, int zoom) {
        BufferedImage img = render(png.toString(), image, map, predicted, truth, height, width, zoom);
        AtomicFiles.write(png, out -> {
            if (!ImageIO.write(img, "png", out)) {
                throw new IOException("no PNG writer for " + png);
            }
        });
    }

    /** The three panels of {@link #write} as an image; {@code what} names it in errors. */
    public static BufferedImage render(String what, float[] image, float[] map, float[] predicted, float[] truth,
                                       int height, int width, int zoom) {
        int n = height * width;
        for (float[] a : new float[][] {image, map, predicted, truth}) {
            if (a.length != n) {
                throw new IllegalArgumentException("overlay " + what + ": every array must hold " + height + "x"
                        + width + " values");
            }
        }
        if (zoom < 1) {
            throw new IllegalArgumentException("zoom: must be >= 1, got " + zoom);
        }
        int tw = width * zoom;
        int th = height * zoom;
        BufferedImage img = new BufferedImage(3 * tw + 2 * GAP, th, BufferedImage.TYPE_INT_RGB);
        double max = 0;
        for (float v : map) {
            max = Math.max(max, v);
        }
        for (int y = 0; y < th; y++) {
            for (int x = 0; x < tw; x++) {
                int i = (y / zoom) * width + x / zoom;
                int g = grey(image[i]);
                img.setRGB(x, y, g);
                img.setRGB(tw + GAP + x, y, hot(max > 0 ? Math.max(0, map[i]) / max : 0));
                boolean t = contour(truth, width, height, x, y, zoom);
                boolean p = contour(predicted, width, height, x, y, zoom);
                img.setRGB(2 * (tw + GAP) + x, y, t && p ? BOTH_RGB : t ? TRUE_RGB : p ? PREDICTED_RGB : g);
            }
        }
        return img;
    }

    private static int grey(float v) {
        int g = Math.round(Math.min(1f, Math.max(0f, v)) * 255);
        return (g << 16) | (g << 8) | g;
    }

    /** The "hot" colour map: black to red (0..1/3), to yellow (..2/3), to white (..1). */
    static int hot(double v) {
        double t = Math.min(1, Math.max(0, v));
        int r = (int) Math.round(255 * Math.min(1, 3 * t));
        int g = (int) Math.round(255 * Math.min(1, Math.max(0, 3 * t - 1)));
        int b = (int) Math.round(255 * Math.max(0, 3 * t - 2));
        return (r << 16) | (g << 8) | b;
    }

    /** True when zoomed pixel (x, y) is inside the mask and a zoomed neighbour is outside it (or off the image). */
    private static boolean contour(float[] mask, int w, int h, int x, int y, int zoom) {
        if (!inside(mask, w, h, x, y, zoom)) {
            return false;
        }
        return !inside(mask, w, h, x - 1, y, zoom) || !inside(mask, w, h, x + 1, y, zoom)
                || !inside(mask, w, h, x, y - 1, zoom) || !inside(mask, w, h, x, y + 1, zoom);
    }

    private static boolean inside(float[] mask, int w, int h, int x, int y, int zoom) {
        return x >= 0 && y >= 0 && x < w * zoom && y < h * zoom && mask[(y / zoom) * w + x / zoom] >= 0.5f;
    }
}
