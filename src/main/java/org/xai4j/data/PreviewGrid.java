package org.xai4j.data;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.xai4j.util.AtomicFiles;

/** Renders a grid of samples (channel 0, grey) with their lesion contours in red, as one PNG. */
public final class PreviewGrid {
    private PreviewGrid() {
    }

    /**
     * Writes {@code samples} (all of one size) as a grid of {@code columns} tiles, each scaled up by {@code zoom},
     * with a 2-pixel gap; pixels on the lesion-mask boundary are drawn red.
     */
    public static void write(List<Sample> samples, int columns, int zoom, Path png) {
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("samples: nothing to draw");
        }
        int h = samples.get(0).height();
        int w = samples.get(0).width();
        int rows = (samples.size() + columns - 1) / columns;
        int tw = w * zoom + 2;
        int th = h * zoom + 2;
        BufferedImage img = new BufferedImage(columns * tw, rows * th, BufferedImage.TYPE_INT_RGB);
        for (int k = 0; k < samples.size(); k++) {
            Sample s = samples.get(k);
            if (s.height() != h || s.width() != w) {
                throw new IllegalArgumentException("samples: " + s.id() + " is " + s.height() + "x" + s.width()
                        + ", expected " + h + "x" + w);
            }
            int ox = (k % columns) * tw;
            int oy = (k / columns) * th;
            for (int y = 0; y < h * zoom; y++) {
                for (int x = 0; x < w * zoom; x++) {
                    int i = (y / zoom) * w + x / zoom;
                    int g = Math.round(Math.min(1f, Math.max(0f, s.pixels()[i])) * 255);
                    int rgb = (g << 16) | (g << 8) | g;
                    if (s.lesionMask() != null && contour(s.lesionMask(), w, h, x, y, zoom)) {
                        rgb = 0xFF2020;
                    }
                    img.setRGB(ox + x, oy + y, rgb);
                }
            }
        }
        AtomicFiles.write(png, out -> ImageIO.write(img, "png", out));
    }

    /** True when zoomed pixel (x, y) is inside the mask and a zoomed neighbour is outside. */
    private static boolean contour(float[] mask, int w, int h, int x, int y, int zoom) {
        if (!inside(mask, w, h, x / zoom, y / zoom)) {
            return false;
        }
        return !inside(mask, w, h, (x - 1) / zoom, y / zoom) && x > 0
                || !inside(mask, w, h, (x + 1) / zoom, y / zoom)
                || !inside(mask, w, h, x / zoom, (y - 1) / zoom) && y > 0
                || !inside(mask, w, h, x / zoom, (y + 1) / zoom);
    }

    private static boolean inside(float[] mask, int w, int h, int x, int y) {
        return x >= 0 && y >= 0 && x < w && y < h && mask[y * w + x] > 0.5f;
    }
}
