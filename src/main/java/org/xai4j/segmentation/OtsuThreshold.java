package org.xai4j.segmentation;

import java.util.Arrays;

/**
 * Otsu's threshold per image ({@code otsu}; N. Otsu, "A threshold selection method from gray-level histograms",
 * IEEE Trans. SMC 9(1), 1979): the cut of the region's values into a lower and an upper class that maximises the
 * between-class variance {@code w0 w1 (mu0 - mu1)^2}. Computed exactly on the sorted values (one histogram level
 * per distinct value, so no binning choice), in O(n log n). The threshold is the largest value of the lower class;
 * the first maximum wins ties. A region with fewer than two distinct values has no cut: its threshold is its
 * largest value, so nothing is predicted.
 */
public record OtsuThreshold() implements ThresholdRule {
    @Override
    public String spec() {
        return "otsu";
    }

    @Override
    public double threshold(float[] regionValues) {
        return of(regionValues);
    }

    /** Otsu's threshold of {@code values} (not modified); NaN for no values. */
    public static double of(float[] values) {
        int n = values.length;
        if (n == 0) {
            return Double.NaN;
        }
        float[] v = values.clone();
        Arrays.sort(v);
        double total = 0;
        for (float x : v) {
            total += x;
        }
        double best = -1;
        double threshold = v[n - 1];
        double lowerSum = 0;
        for (int k = 1; k < n; k++) {
            lowerSum += v[k - 1];
            if (v[k] == v[k - 1]) {
                continue;
            }
            double w0 = (double) k / n;
            double mu0 = lowerSum / k;
            double mu1 = (total - lowerSum) / (n - k);
            double between = w0 * (1 - w0) * (mu0 - mu1) * (mu0 - mu1);
            if (between > best) {
                best = between;
                threshold = v[k - 1];
            }
        }
        return threshold;
    }
}
