package org.xai4j.report;

import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.xai4j.util.AtomicFiles;

/** A binary H x W mask as an 8-bit grey PNG: 255 where the mask is {@code >= 0.5}, else 0. */
public final class MaskImage {
    private MaskImage() {
    }

    public static void write(Path png, float[] mask, int height, int width) {
        if (mask.length != height * width) {
            throw new IllegalArgumentException("mask has " + mask.length + " values, expected " + height + "x" + width);
        }
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        WritableRaster r = img.getRaster();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                r.setSample(x, y, 0, mask[y * width + x] >= 0.5f ? 255 : 0);
            }
        }
        AtomicFiles.write(png, out -> {
            if (!ImageIO.write(img, "png", out)) {
                throw new IOException("no PNG writer for " + png);
            }
        });
    }
}
