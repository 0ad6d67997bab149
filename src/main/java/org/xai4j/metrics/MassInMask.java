package org.xai4j.metrics;

/**
 * Share of an attribution map's mass that falls inside a mask: {@code sum_{v in mask} w_v / sum_v w_v} with
 * {@code w = |a|} (or {@code max(a, 0)} for the positive part). Used as the "is the saliency on the lesion"
 * score (Margeloiu et al. 2020; the energy-based pointing game of Wang et al., Score-CAM, 2020).
 */
public final class MassInMask {
    private MassInMask() {
    }

    /** Share of {@code |a|} inside the mask (mask binarised at 0.5); NaN when the map is all zero. */
    public static double absolute(float[] attribution, float[] mask) {
        return share(attribution, mask, false);
    }

    /** Share of {@code max(a, 0)} inside the mask; NaN when the map has no positive value. */
    public static double positive(float[] attribution, float[] mask) {
        return share(attribution, mask, true);
    }

    private static double share(float[] a, float[] mask, boolean positiveOnly) {
        Inputs.checkSameLength(a, "attribution", mask, "mask");
        Inputs.checkNotNaN(a, "attribution");
        double inside = 0;
        double total = 0;
        for (int i = 0; i < a.length; i++) {
            double w = positiveOnly ? Math.max(a[i], 0) : Math.abs(a[i]);
            total += w;
            if (mask[i] >= MaskOverlap.THRESHOLD) {
                inside += w;
            }
        }
        return total == 0 ? Double.NaN : inside / total;
    }
}
