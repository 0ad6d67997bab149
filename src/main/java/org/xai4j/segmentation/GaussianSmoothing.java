package org.xai4j.segmentation;

/**
 * Separable Gaussian smoothing of an H x W map: kernel {@code exp(-d^2 / (2 sigma^2))} for {@code |d| <=
 * ceil(3 sigma)}, normalised to sum 1, applied along rows then columns; pixels beyond the border repeat the edge
 * pixel, so a constant map stays constant.
 */
public final class GaussianSmoothing {
    private GaussianSmoothing() {
    }

    /** The normalised 1-D kernel of {@code sigma} (> 0), of length {@code 2 ceil(3 sigma) + 1}. */
    public static double[] kernel(double sigma) {
        if (!(sigma > 0) || !Double.isFinite(sigma)) {
            throw new IllegalArgumentException("sigma: must be a finite number > 0, got " + sigma);
        }
        int r = (int) Math.ceil(3 * sigma);
        double[] k = new double[2 * r + 1];
        double sum = 0;
        for (int d = -r; d <= r; d++) {
            k[d + r] = Math.exp(-d * (double) d / (2 * sigma * sigma));
            sum += k[d + r];
        }
        for (int i = 0; i < k.length; i++) {
            k[i] /= sum;
        }
        return k;
    }

    /** A smoothed copy of {@code map} (H x W, row-major); {@code sigma == 0} returns an unchanged copy. */
    public static float[] apply(float[] map, int height, int width, double sigma) {
        if (map.length != height * width) {
            throw new IllegalArgumentException("map has " + map.length + " values, expected " + height + "x" + width);
        }
        if (sigma == 0) {
            return map.clone();
        }
        double[] k = kernel(sigma);
        int r = k.length / 2;
        double[] rows = new double[map.length];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double s = 0;
                for (int d = -r; d <= r; d++) {
                    int xx = Math.min(width - 1, Math.max(0, x + d));
                    s += k[d + r] * map[y * width + xx];
                }
                rows[y * width + x] = s;
            }
        }
        float[] out = new float[map.length];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double s = 0;
                for (int d = -r; d <= r; d++) {
                    int yy = Math.min(height - 1, Math.max(0, y + d));
                    s += k[d + r] * rows[yy * width + x];
                }
                out[y * width + x] = (float) s;
            }
        }
        return out;
    }
}
