package org.xai4j.data;

/**
 * Geometric operations on channel-major (C x H x W) float images and their masks. Affine warps map output pixel
 * centres back into the input (centre of rotation: the image centre), sampling bilinearly (images) or at the
 * nearest pixel (masks); outside the input reads 0.
 */
final class ImageOps {
    private ImageOps() {
    }

    static float[] flipHorizontal(float[] src, int channels, int h, int w) {
        float[] out = new float[src.length];
        for (int c = 0; c < channels; c++) {
            for (int y = 0; y < h; y++) {
                int row = c * h * w + y * w;
                for (int x = 0; x < w; x++) {
                    out[row + x] = src[row + w - 1 - x];
                }
            }
        }
        return out;
    }

    static float[] flipVertical(float[] src, int channels, int h, int w) {
        float[] out = new float[src.length];
        for (int c = 0; c < channels; c++) {
            for (int y = 0; y < h; y++) {
                System.arraycopy(src, c * h * w + (h - 1 - y) * w, out, c * h * w + y * w, w);
            }
        }
        return out;
    }

    /**
     * Warps by the forward map {@code p' = centre + t + s R(angle) (p - centre)} in pixel-centre coordinates.
     *
     * @param angle radians, clockwise on screen (y points down)
     */
    static float[] affine(float[] src, int channels, int h, int w, double angle, double scale, double tx, double ty,
                          boolean nearest) {
        float[] out = new float[src.length];
        double cos = Math.cos(angle) / scale;
        double sin = Math.sin(angle) / scale;
        double cx = w / 2.0;
        double cy = h / 2.0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double dx = x + 0.5 - cx - tx;
                double dy = y + 0.5 - cy - ty;
                // inverse rotation and scaling, back to index coordinates of the input
                double sx = cos * dx + sin * dy + cx - 0.5;
                double sy = -sin * dx + cos * dy + cy - 0.5;
                for (int c = 0; c < channels; c++) {
                    out[c * h * w + y * w + x] = nearest ? nearest(src, c, h, w, sx, sy) : bilinear(src, c, h, w, sx, sy);
                }
            }
        }
        return out;
    }

    /** The forward map of {@link #affine} applied to one point (continuous pixel-edge coordinates). */
    static double[] forward(double px, double py, int h, int w, double angle, double scale, double tx, double ty) {
        double dx = px - w / 2.0;
        double dy = py - h / 2.0;
        double cos = Math.cos(angle) * scale;
        double sin = Math.sin(angle) * scale;
        return new double[] {w / 2.0 + tx + cos * dx - sin * dy, h / 2.0 + ty + sin * dx + cos * dy};
    }

    private static float nearest(float[] src, int c, int h, int w, double sx, double sy) {
        long x = Math.round(sx);
        long y = Math.round(sy);
        return x < 0 || y < 0 || x >= w || y >= h ? 0f : src[c * h * w + (int) y * w + (int) x];
    }

    private static float bilinear(float[] src, int c, int h, int w, double sx, double sy) {
        int x0 = (int) Math.floor(sx);
        int y0 = (int) Math.floor(sy);
        double fx = sx - x0;
        double fy = sy - y0;
        double v = (1 - fx) * (1 - fy) * at(src, c, h, w, x0, y0) + fx * (1 - fy) * at(src, c, h, w, x0 + 1, y0)
                + (1 - fx) * fy * at(src, c, h, w, x0, y0 + 1) + fx * fy * at(src, c, h, w, x0 + 1, y0 + 1);
        return (float) v;
    }

    private static float at(float[] src, int c, int h, int w, int x, int y) {
        return x < 0 || y < 0 || x >= w || y >= h ? 0f : src[c * h * w + y * w + x];
    }

    /**
     * Reduces (or enlarges) an h x w single-channel image to outH x outW by area averaging: each output pixel is the
     * mean of the input over its footprint, partial pixels weighted by their covered fraction (exact block means for
     * integer factors).
     */
    static float[] resizeArea(float[] src, int h, int w, int outH, int outW) {
        if (h == outH && w == outW) {
            return src.clone();
        }
        double[] in = new double[src.length];
        for (int i = 0; i < in.length; i++) {
            in[i] = src[i];
        }
        double[] tmp = new double[h * outW];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < outW; x++) {
                tmp[y * outW + x] = mean(in, y * w, 1, w, (double) x * w / outW, (double) (x + 1) * w / outW);
            }
        }
        float[] out = new float[outH * outW];
        for (int x = 0; x < outW; x++) {
            for (int y = 0; y < outH; y++) {
                out[y * outW + x] = (float) mean(tmp, x, outW, h, (double) y * h / outH, (double) (y + 1) * h / outH);
            }
        }
        return out;
    }

    /** Mean of {@code src[offset + i * stride]} over the real interval [a, b) of indices i in [0, n). */
    private static double mean(double[] src, int offset, int stride, int n, double a, double b) {
        double sum = 0;
        for (int i = (int) Math.floor(a); i < Math.min(n, (int) Math.ceil(b)); i++) {
            double cover = Math.min(b, i + 1) - Math.max(a, i);
            sum += cover * src[offset + i * stride];
        }
        return sum / (b - a);
    }
}
