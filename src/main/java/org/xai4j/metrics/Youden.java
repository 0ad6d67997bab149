package org.xai4j.metrics;

/**
 * The operating point that maximises Youden's J = sensitivity + specificity - 1 = TPR - FPR over the
 * thresholds of a {@link RocCurve} (each an observed score; the +Infinity start point is not a candidate).
 * Ties go to the highest threshold. All fields are NaN when the curve is undefined.
 *
 * @param threshold   call an example positive when its score is {@code >= threshold}
 * @param j           TPR - FPR at the threshold
 * @param sensitivity TPR at the threshold
 * @param specificity 1 - FPR at the threshold
 */
public record Youden(double threshold, double j, double sensitivity, double specificity) {

    /** The Youden point of {@code roc}. */
    public static Youden of(RocCurve roc) {
        if (!roc.isDefined()) {
            return new Youden(Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double[] fpr = roc.fpr();
        double[] tpr = roc.tpr();
        double[] thresholds = roc.thresholds();
        int best = 1;
        for (int k = 2; k < fpr.length; k++) {
            if (tpr[k] - fpr[k] > tpr[best] - fpr[best]) {
                best = k;
            }
        }
        return new Youden(thresholds[best], tpr[best] - fpr[best], tpr[best], 1 - fpr[best]);
    }

    /** The Youden point of the ROC curve of {@code scores} against 0/1 {@code labels}. */
    public static Youden of(double[] scores, int[] labels) {
        return of(RocCurve.of(scores, labels));
    }

    /** Whether the point exists (both classes were present). */
    public boolean isDefined() {
        return !Double.isNaN(threshold);
    }
}
