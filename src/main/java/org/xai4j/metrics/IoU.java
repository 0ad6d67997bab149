package org.xai4j.metrics;

/**
 * Intersection over union |P ∩ T| / |P ∪ T| (Jaccard index) of a predicted and a true mask, both binarised at
 * 0.5 (a pixel is foreground when its value is {@code >= 0.5}). Convention, as for {@link Dice}: 1 when both
 * masks are empty, 0 when exactly one is.
 */
public final class IoU {
    private IoU() {
    }

    /** IoU of two masks of the same length (any layout, e.g. a flattened H x W image); NaN values are refused. */
    public static double of(float[] prediction, float[] truth) {
        MaskOverlap o = MaskOverlap.of(prediction, truth);
        long union = o.union();
        return union == 0 ? 1.0 : (double) o.intersection() / union;
    }
}
