package org.xai4j.metrics;

/**
 * Structural similarity (Wang, Bovik, Sheikh and Simoncelli, IEEE TIP 2004) with the defaults of
 * {@code skimage.metrics.structural_similarity}, which the sanity-check code of Adebayo et al. (NeurIPS 2018) uses:
 * a 7x7 uniform window, {@code K1 = 0.01}, {@code K2 = 0.03}, sample (N - 1) covariances, the mean SSIM over the
 * windows that fit inside the image (the border of 3 pixels is cropped). Maps are compared on a given data range
 * (1 for maps scaled to [0, 1]).
 */
public final class Ssim {
    /** Window side. */
    public static final int WINDOW = 7;

    private Ssim() {
    }

    /**
     * @param a         H x W map, row-major
     * @param b         H x W map, row-major
     * @param width     W
     * @param dataRange the range of the values (max - min possible), e.g. 1
     */
    public static double of(double[] a, double[] b, int width, double dataRange) {
        if (a.length != b.length || width < 1 || a.length % width != 0) {
            throw new IllegalArgumentException("ssim: maps of " + a.length + " and " + b.length + " values, width "
                    + width);
        }
        int height = a.length / width;
        if (height < WINDOW || width < WINDOW) {
            throw new IllegalArgumentException("ssim: maps must be at least " + WINDOW + "x" + WINDOW + ", got "
                    + height + "x" + width);
        }
        if (!(dataRange > 0)) {
            throw new IllegalArgumentException("ssim: dataRange must be > 0, got " + dataRange);
        }
        double c1 = Math.pow(0.01 * dataRange, 2);
        double c2 = Math.pow(0.03 * dataRange, 2);
        int np = WINDOW * WINDOW;
        double cov = np / (np - 1.0);
        double total = 0;
        int count = 0;
        for (int y = 0; y + WINDOW <= height; y++) {
            for (int x = 0; x + WINDOW <= width; x++) {
                double ma = 0;
                double mb = 0;
                double saa = 0;
                double sbb = 0;
                double sab = 0;
                for (int dy = 0; dy < WINDOW; dy++) {
                    for (int dx = 0; dx < WINDOW; dx++) {
                        int i = (y + dy) * width + x + dx;
                        ma += a[i];
                        mb += b[i];
                        saa += a[i] * a[i];
                        sbb += b[i] * b[i];
                        sab += a[i] * b[i];
                    }
                }
                ma /= np;
                mb /= np;
                double va = cov * (saa / np - ma * ma);
                double vb = cov * (sbb / np - mb * mb);
                double vab = cov * (sab / np - ma * mb);
                total += ((2 * ma * mb + c1) * (2 * vab + c2)) / ((ma * ma + mb * mb + c1) * (va + vb + c2));
                count++;
            }
        }
        return total / count;
    }
}
