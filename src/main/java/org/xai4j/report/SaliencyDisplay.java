package org.xai4j.report;

import java.util.Arrays;
import java.util.Locale;

/**
 * Turns an attribution map (C x H x W) into the H x W values in [0, 1] that figures show, with the conventions of
 * METHODS.md section 3.2:
 * <ul>
 * <li>{@link #MARGELOIU} (Margeloiu et al. 2020): the per-pixel sum of |attribution| over channels, capped at its
 * 99th percentile, divided by that cap;</li>
 * <li>{@link #KHAKZAR} (Khakzar et al.): the per-pixel sum of |attribution| over channels clipped at three standard
 * deviations above its mean, divided by that clip value; no smoothing.</li>
 * </ul>
 * An all-zero map stays zero.
 */
public enum SaliencyDisplay {
    MARGELOIU, KHAKZAR;

    /** The display values of one map. */
    public double[] normalise(double[] map, int channels) {
        if (channels < 1 || map.length % channels != 0) {
            throw new IllegalArgumentException("display: " + map.length + " values are not " + channels
                    + " channels");
        }
        int hw = map.length / channels;
        double[] m = new double[hw];
        for (int i = 0; i < map.length; i++) {
            if (Double.isNaN(map[i])) {
                throw new IllegalArgumentException("display: attribution value " + i + " is NaN");
            }
            m[i % hw] += Math.abs(map[i]);
        }
        double cap = this == MARGELOIU ? percentile(m, 99) : meanPlusThreeStd(m);
        double[] out = new double[hw];
        if (cap > 0) {
            for (int i = 0; i < hw; i++) {
                out[i] = Math.min(m[i], cap) / cap;
            }
        }
        return out;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static SaliencyDisplay parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("display: unknown '" + s + "' (allowed: margeloiu, khakzar)");
        }
    }

    /** Linear-interpolation percentile (numpy's default). */
    static double percentile(double[] v, double p) {
        double[] s = v.clone();
        Arrays.sort(s);
        double pos = p / 100 * (s.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, s.length - 1);
        return s[lo] + (pos - lo) * (s[hi] - s[lo]);
    }

    private static double meanPlusThreeStd(double[] v) {
        double mean = 0;
        for (double x : v) {
            mean += x;
        }
        mean /= v.length;
        double var = 0;
        for (double x : v) {
            var += (x - mean) * (x - mean);
        }
        double cap = mean + 3 * Math.sqrt(var / v.length);
        double max = Arrays.stream(v).max().orElse(0);
        return Math.min(cap, max); // never stretch beyond the largest value
    }
}
