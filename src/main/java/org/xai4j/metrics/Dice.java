package org.xai4j.metrics;

/**
 * The Dice coefficient 2|P ∩ T| / (|P| + |T|) of a predicted and a true mask, both binarised at 0.5 (a pixel
 * is foreground when its value is {@code >= 0.5}). Convention: when both masks are empty the prediction is
 * perfect and Dice is 1; when exactly one is empty it is 0.
 */
public final class Dice {
    private Dice() {
    }

    /** Dice of two masks of the same length (any layout, e.g. a flattened H x W image); NaN values are refused. */
    public static double of(float[] prediction, float[] truth) {
        MaskOverlap o = MaskOverlap.of(prediction, truth);
        long sizes = o.predicted() + o.truth();
        return sizes == 0 ? 1.0 : 2.0 * o.intersection() / sizes;
    }
}
