package org.xai4j.metrics;

/**
 * Confusion counts and the rates derived from them at one threshold: an example is called positive when its
 * score is {@code >= threshold}. A rate whose denominator is zero (e.g. precision with nothing called
 * positive, or F1 with no positives at all and none predicted) is NaN rather than a made-up 0 or 1.
 *
 * @param threshold   the decision threshold used
 * @param truePositives  positives called positive
 * @param falsePositives negatives called positive
 * @param trueNegatives  negatives called negative
 * @param falseNegatives positives called negative
 */
public record BinaryMetrics(double threshold, int truePositives, int falsePositives, int trueNegatives,
                            int falseNegatives) {

    /** Counts the outcomes of thresholding {@code scores} at {@code threshold} against 0/1 {@code labels}. */
    public static BinaryMetrics at(double[] scores, int[] labels, double threshold) {
        Inputs.checkScoresAndLabels(scores, labels);
        if (Double.isNaN(threshold)) {
            throw new IllegalArgumentException("threshold is NaN");
        }
        int tp = 0;
        int fp = 0;
        int tn = 0;
        int fn = 0;
        for (int i = 0; i < scores.length; i++) {
            boolean called = scores[i] >= threshold;
            if (labels[i] == 1) {
                if (called) {
                    tp++;
                } else {
                    fn++;
                }
            } else if (called) {
                fp++;
            } else {
                tn++;
            }
        }
        return new BinaryMetrics(threshold, tp, fp, tn, fn);
    }

    /** The number of examples. */
    public int total() {
        return truePositives + falsePositives + trueNegatives + falseNegatives;
    }

    /** (TP + TN) / total. */
    public double accuracy() {
        return ratio(truePositives + trueNegatives, total());
    }

    /** TP / (TP + FN), also called recall or true-positive rate. */
    public double sensitivity() {
        return ratio(truePositives, truePositives + falseNegatives);
    }

    /** TN / (TN + FP). */
    public double specificity() {
        return ratio(trueNegatives, trueNegatives + falsePositives);
    }

    /** TP / (TP + FP), also called positive predictive value. */
    public double precision() {
        return ratio(truePositives, truePositives + falsePositives);
    }

    /** 2 TP / (2 TP + FP + FN), the harmonic mean of precision and sensitivity. */
    public double f1() {
        return ratio(2L * truePositives, 2L * truePositives + falsePositives + falseNegatives);
    }

    private static double ratio(long numerator, long denominator) {
        return denominator == 0 ? Double.NaN : (double) numerator / denominator;
    }
}
