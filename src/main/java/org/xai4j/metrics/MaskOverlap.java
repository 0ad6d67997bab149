package org.xai4j.metrics;

/**
 * Pixel counts of two masks binarised at {@link #THRESHOLD}: a pixel is foreground when its value is
 * {@code >= 0.5}.
 *
 * @param intersection pixels foreground in both
 * @param predicted    foreground pixels of the prediction
 * @param truth        foreground pixels of the ground truth
 */
record MaskOverlap(long intersection, long predicted, long truth) {
    /** Values at or above this are foreground. */
    static final float THRESHOLD = 0.5f;

    static MaskOverlap of(float[] prediction, float[] truth) {
        Inputs.checkSameLength(prediction, "prediction", truth, "truth");
        Inputs.checkNotNaN(prediction, "prediction");
        Inputs.checkNotNaN(truth, "truth");
        long both = 0;
        long p = 0;
        long t = 0;
        for (int i = 0; i < prediction.length; i++) {
            boolean inP = prediction[i] >= THRESHOLD;
            boolean inT = truth[i] >= THRESHOLD;
            p += inP ? 1 : 0;
            t += inT ? 1 : 0;
            both += inP && inT ? 1 : 0;
        }
        return new MaskOverlap(both, p, t);
    }

    long union() {
        return predicted + truth - intersection;
    }
}
