package org.xai4j.segmentation;

import java.util.Arrays;

/**
 * A per-image percentile of the region's values ({@code percentile:P}): {@code percentile:99} keeps the top 1% of
 * the region. The percentile interpolates linearly between order statistics (NumPy's default): with the values
 * sorted as {@code v[0] <= ... <= v[n-1]}, position {@code P/100 * (n-1)}.
 *
 * @param percentile P, in (0, 100)
 */
public record PercentileThreshold(double percentile) implements ThresholdRule {
    public PercentileThreshold {
        if (!(percentile > 0 && percentile < 100)) {
            throw new IllegalArgumentException("threshold: percentile must be in (0, 100), got " + percentile);
        }
    }

    @Override
    public String spec() {
        return "percentile:" + percentile;
    }

    @Override
    public double threshold(float[] regionValues) {
        return of(regionValues, percentile);
    }

    /** The {@code p}-th percentile (0..100) of {@code values}, linearly interpolated; NaN for no values. */
    public static double of(float[] values, double p) {
        if (values.length == 0) {
            return Double.NaN;
        }
        float[] v = values.clone();
        Arrays.sort(v);
        double pos = p / 100.0 * (v.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, v.length - 1);
        return v[lo] + (pos - lo) * ((double) v[hi] - v[lo]);
    }
}
