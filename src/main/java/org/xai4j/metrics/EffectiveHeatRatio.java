package org.xai4j.metrics;

import java.util.Arrays;

/**
 * Effective heat ratio (EHR; Khakzar et al., "Towards better understanding attribution methods", CVPR 2022, and the
 * IBA evaluation code of that group): on a heat map scaled to [0, 1], the pixels of interest are those with heat
 * {@code >= base} (default 0.1). For each quantile level q in {0, 0.1, ..., 1}, the threshold is
 * {@code t_q = min(quantile_q(heats of interest), 0.99 max heat)} (quantiles with linear interpolation, as numpy);
 * the ratio is the heat inside the region of interest among pixels with heat {@code >= t_q}, divided by the number of
 * those pixels ({@code + 1e-8}). The score is the trapezoidal area under ratio versus q. Higher = more of the
 * strongest heat sits on the finding, with fewer hot pixels elsewhere.
 *
 * @param quantiles the quantile levels
 * @param ratios    the ratio at each level
 * @param auc       the trapezoidal area under the curve; NaN when no pixel reaches {@code base}
 */
public record EffectiveHeatRatio(double[] quantiles, double[] ratios, double auc) {
    /** The project default of the base threshold. */
    public static final double BASE = 0.1;
    private static final int LEVELS = 11;

    /**
     * @param heat heat map with values in [0, 1] (e.g. a display-normalised attribution map), any layout
     * @param roi  region of interest (mask binarised at 0.5) of the same length
     */
    public static EffectiveHeatRatio of(float[] heat, float[] roi) {
        return of(heat, roi, BASE);
    }

    public static EffectiveHeatRatio of(float[] heat, float[] roi, double base) {
        Inputs.checkSameLength(heat, "heat", roi, "roi");
        Inputs.checkNotNaN(heat, "heat");
        double max = 0;
        int interesting = 0;
        for (float v : heat) {
            if (v < 0 || v > 1) {
                throw new IllegalArgumentException("heat: values must lie in [0, 1] (normalise the map first), got "
                        + v);
            }
            max = Math.max(max, v);
            interesting += v >= base ? 1 : 0;
        }
        double[] q = new double[LEVELS];
        double[] ratios = new double[LEVELS];
        for (int i = 0; i < LEVELS; i++) {
            q[i] = (double) i / (LEVELS - 1);
        }
        if (interesting == 0) {
            Arrays.fill(ratios, Double.NaN);
            return new EffectiveHeatRatio(q, ratios, Double.NaN);
        }
        double[] poi = new double[interesting];
        int k = 0;
        for (float v : heat) {
            if (v >= base) {
                poi[k++] = v;
            }
        }
        Arrays.sort(poi);
        for (int i = 0; i < LEVELS; i++) {
            double t = Math.min(quantile(poi, q[i]), 0.99 * max);
            double inRoi = 0;
            long above = 0;
            for (int p = 0; p < heat.length; p++) {
                double h = heat[p] >= base ? heat[p] : 0.0; // pixels below the base count as cold
                if (h >= t) {
                    above++;
                    if (roi[p] >= MaskOverlap.THRESHOLD) {
                        inRoi += h;
                    }
                }
            }
            ratios[i] = inRoi / (above + 1e-8);
        }
        double auc = 0;
        for (int i = 1; i < LEVELS; i++) {
            auc += (q[i] - q[i - 1]) * (ratios[i] + ratios[i - 1]) / 2;
        }
        return new EffectiveHeatRatio(q, ratios, auc);
    }

    /** numpy's default ('linear') quantile of sorted values. */
    static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }
}
