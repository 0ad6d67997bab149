package org.xai4j.report;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.xai4j.util.AtomicFiles;

/**
 * A heat map drawn over a grey image: each pixel blends the image's grey value with the {@link Colormap} colour of
 * its display value v (in [0, 1], see {@link SaliencyDisplay}) with opacity {@code 0.75 v}, so cold regions show the
 * anatomy and hot regions the colour; the optional lesion mask is outlined in green. Images are scaled up by an
 * integer zoom (nearest neighbour).
 */
public final class HeatmapOverlay {
    private static final double OPACITY = 0.75;

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private HeatmapOverlay() {
    }

    /**
     * @param grey  H x W image values (clamped to [0, 1]), or null for the heat map alone
     * @param heat  H x W display values in [0, 1], or null for the image alone
     * @param mask  H x W lesion mask outlined in green, or null
     * @param width W
     * @param zoom  integer scale factor
     */
    public static BufferedImage render(float[] grey, double[] heat, float[] mask, int width, int zoom) {
        int n = grey != null ? grey.length : heat != null ? heat.length : mask != null ? mask.length : 0;
        if (n == 0 || width < 1 || n % width != 0 || zoom < 1) {
            throw new IllegalArgumentException("overlay: nothing to draw, or width " + width + " / zoom " + zoom
                    + " do not fit " + n + " pixels");
        }
        int height = n / width;
        BufferedImage img = new BufferedImage(width * zoom, height * zoom, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height * zoom; y++) {
            for (int x = 0; x < width * zoom; x++) {
                int i = (y / zoom) * width + x / zoom;
                double g = grey == null ? 0 : Math.max(0, Math.min(1, grey[i]));
                int rgb = grey(g);
                if (heat != null) {
                    double a = OPACITY * Math.max(0, Math.min(1, heat[i]));
                    int c = Colormap.rgb(heat[i]);
                    rgb = blend(rgb, c, grey == null ? 1 : a);
                }
                if (mask != null && edge(mask, width, height, x, y, zoom)) {
                    rgb = 0x20E020;
                }
                img.setRGB(x, y, rgb);
            }
        }
        return img;
    }

    /** Renders and writes a PNG atomically. */
    public static void write(Path png, float[] grey, double[] heat, float[] mask, int width, int zoom) {
        BufferedImage img = render(grey, heat, mask, width, zoom);
        AtomicFiles.write(png, out -> ImageIO.write(img, "png", out));
    }

    private static int grey(double g) {
        int v = (int) Math.round(g * 255);
        return (v << 16) | (v << 8) | v;
    }

    private static int blend(int base, int over, double a) {
        int r = (int) Math.round((1 - a) * (base >> 16 & 255) + a * (over >> 16 & 255));
        int g = (int) Math.round((1 - a) * (base >> 8 & 255) + a * (over >> 8 & 255));
        int b = (int) Math.round((1 - a) * (base & 255) + a * (over & 255));
        return (r << 16) | (g << 8) | b;
    }

    /** Zoomed pixel (x, y) lies inside the mask and next to a zoomed pixel outside it. */
    private static boolean edge(float[] mask, int w, int h, int x, int y, int zoom) {
        if (!inside(mask, w, h, x, y, zoom)) {
            return false;
        }
        return !inside(mask, w, h, x - 1, y, zoom) || !inside(mask, w, h, x + 1, y, zoom)
                || !inside(mask, w, h, x, y - 1, zoom) || !inside(mask, w, h, x, y + 1, zoom);
    }

    private static boolean inside(float[] mask, int w, int h, int x, int y, int zoom) {
        if (x < 0 || y < 0 || x >= w * zoom || y >= h * zoom) {
            return false;
        }
        return mask[(y / zoom) * w + x / zoom] > 0.5f;
    }
}
