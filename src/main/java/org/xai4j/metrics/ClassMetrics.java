package org.xai4j.metrics;

/**
 * The metrics of one label (multi-label) or one class against the rest (multi-class).
 *
 * @param name          the label or class name
 * @param auc           area under the ROC curve; NaN when the label has only one class in the data
 * @param youden        the Youden operating point (NaN fields when undefined)
 * @param atThreshold   confusion counts and rates at the Youden threshold, or at
 *                      {@link ClassificationReport#FALLBACK_THRESHOLD} when the Youden point is undefined
 */
public record ClassMetrics(String name, double auc, Youden youden, BinaryMetrics atThreshold) {

    /** The threshold the counts were taken at. */
    public double threshold() {
        return atThreshold.threshold();
    }

    /** Accuracy at {@link #threshold()}. */
    public double accuracy() {
        return atThreshold.accuracy();
    }

    /** F1 at {@link #threshold()}. */
    public double f1() {
        return atThreshold.f1();
    }

    /** The number of positive examples. */
    public int positives() {
        return atThreshold.truePositives() + atThreshold.falseNegatives();
    }

    /** The number of negative examples. */
    public int negatives() {
        return atThreshold.trueNegatives() + atThreshold.falsePositives();
    }
}
