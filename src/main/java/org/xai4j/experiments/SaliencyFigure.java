package org.xai4j.experiments;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.xai4j.data.Sample;
import org.xai4j.util.AtomicFiles;

/**
 * Saliency maps of several models side by side: one row per image, the image (channel 0, lesion contour in red)
 * then one column per model. Display convention of Margeloiu et al. 2020 (METHODS.md 3.2): the per-pixel sum of
 * |attribution| over channels, capped at its 99th percentile, rescaled to [0, 1]; shown in a black-red-yellow-white
 * "hot" scale with the lesion contour in cyan.
 */
final class SaliencyFigure {
    private static final int ZOOM = 2;
    private static final int GAP = 4;
    private static final int HEADER = 22;

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private SaliencyFigure() {
    }

    /**
     * @param images  the images, one per row
     * @param names   model names, one per column after the image
     * @param maps    maps.get(model).get(row): H*W saliency
     */
    static void write(Path png, List<Sample> images, List<String> names, List<List<float[]>> maps) {
        int h = images.get(0).height();
        int w = images.get(0).width();
        int tileW = w * ZOOM;
        int tileH = h * ZOOM;
        int cols = names.size() + 1;
        BufferedImage img = new BufferedImage(cols * (tileW + GAP), HEADER + images.size() * (tileH + GAP),
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        g.drawString("image", 2, 15);
        for (int c = 0; c < names.size(); c++) {
            g.drawString(names.get(c), (c + 1) * (tileW + GAP) + 2, 15);
        }
        g.dispose();
        for (int r = 0; r < images.size(); r++) {
            Sample s = images.get(r);
            int oy = HEADER + r * (tileH + GAP);
            float[] grey = Arrays.copyOf(s.pixels(), h * w);
            draw(img, 0, oy, w, h, grey, s.lesionMask(), false);
            for (int c = 0; c < names.size(); c++) {
                draw(img, (c + 1) * (tileW + GAP), oy, w, h, display(maps.get(c).get(r)), s.lesionMask(), true);
            }
        }
        AtomicFiles.write(png, out -> ImageIO.write(img, "png", out));
    }

    /** Margeloiu's display scaling: cap at the 99th percentile, rescale to [0, 1]. */
    static float[] display(float[] saliency) {
        float[] sorted = saliency.clone();
        Arrays.sort(sorted);
        float cap = sorted[(int) Math.floor(0.99 * (sorted.length - 1))];
        float[] out = new float[saliency.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = cap > 0 ? Math.min(saliency[i], cap) / cap : 0;
        }
        return out;
    }

    private static void draw(BufferedImage img, int ox, int oy, int w, int h, float[] v, float[] mask, boolean hot) {
        for (int y = 0; y < h * ZOOM; y++) {
            for (int x = 0; x < w * ZOOM; x++) {
                int i = (y / ZOOM) * w + x / ZOOM;
                float t = Math.min(1f, Math.max(0f, v[i]));
                int rgb = hot ? hot(t) : grey(t);
                if (mask != null && contour(mask, w, h, x, y)) {
                    rgb = hot ? 0x00E5FF : 0xFF2020;
                }
                img.setRGB(ox + x, oy + y, rgb);
            }
        }
    }

    private static int grey(float t) {
        int g = Math.round(t * 255);
        return (g << 16) | (g << 8) | g;
    }

    /** Black -> red -> yellow -> white. */
    private static int hot(float t) {
        int r = Math.round(Math.min(1f, 3 * t) * 255);
        int g = Math.round(Math.min(1f, Math.max(0f, 3 * t - 1)) * 255);
        int b = Math.round(Math.min(1f, Math.max(0f, 3 * t - 2)) * 255);
        return (r << 16) | (g << 8) | b;
    }

    private static boolean contour(float[] mask, int w, int h, int x, int y) {
        int px = x / ZOOM;
        int py = y / ZOOM;
        if (!inside(mask, w, h, px, py)) {
            return false;
        }
        return !inside(mask, w, h, (x - 1) / ZOOM, py) && x > 0 || !inside(mask, w, h, (x + 1) / ZOOM, py)
                || !inside(mask, w, h, px, (y - 1) / ZOOM) && y > 0 || !inside(mask, w, h, px, (y + 1) / ZOOM);
    }

    private static boolean inside(float[] mask, int w, int h, int x, int y) {
        return x >= 0 && y >= 0 && x < w && y < h && mask[y * w + x] >= 0.5f;
    }
}
