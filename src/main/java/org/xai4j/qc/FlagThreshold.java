package org.xai4j.qc;

/**
 * The flagging rule of INFORMER and its baselines for one class: images whose quality score is on the suspicious
 * side of {@code tau} are flagged and their prediction is swapped (as a reviewer would correct it); {@code tau} is
 * searched on a grid of step 0.001 from 0 up to the largest score to maximise the class's F1 after swapping (Shu et
 * al., 2024). The grid includes flagging nothing, so the chosen rule never lowers F1 on the data it was chosen on.
 *
 * @param tau          the threshold
 * @param flagBelow    true: flag scores {@code < tau} (distinctiveness); false: flag scores {@code > tau}
 *                     (entropy, variance)
 * @param f1           F1 after swapping on the data it was searched on
 */
public record FlagThreshold(double tau, boolean flagBelow, double f1) {
    /** Grid step of the search. */
    public static final double STEP = 0.001;

    /** Whether {@code score} is flagged. */
    public boolean flags(double score) {
        return flagBelow ? score < tau : score > tau;
    }

    /**
     * @param scores    per image the quality score
     * @param predicted per image the 0/1 prediction
     * @param labels    per image the 0/1 label, or -1 to leave the image out (an unknown label)
     * @param flagBelow which side is suspicious
     */
    public static FlagThreshold search(double[] scores, int[] predicted, int[] labels, boolean flagBelow) {
        double max = 0;
        for (double s : scores) {
            max = Math.max(max, s);
        }
        int steps = (int) Math.ceil(max / STEP) + 1;
        FlagThreshold best = null;
        for (int k = 0; k <= steps; k++) {
            double tau = k * STEP;
            FlagThreshold t = new FlagThreshold(tau, flagBelow, Double.NaN);
            double f1 = t.f1(scores, predicted, labels);
            // ties: the rule that flags least (the lowest tau below, the highest above)
            if (best == null || value(f1) > value(best.f1) || (value(f1) == value(best.f1) && !flagBelow)) {
                best = new FlagThreshold(tau, flagBelow, f1);
            }
        }
        return best;
    }

    private static double value(double f1) {
        return Double.isNaN(f1) ? -1 : f1;
    }

    /** F1 of the predictions after swapping the flagged ones (NaN without a positive label or prediction). */
    public double f1(double[] scores, int[] predicted, int[] labels) {
        int tp = 0;
        int fp = 0;
        int fn = 0;
        for (int n = 0; n < scores.length; n++) {
            if (labels[n] < 0) {
                continue;
            }
            int y = flags(scores[n]) ? 1 - predicted[n] : predicted[n];
            if (y == 1 && labels[n] == 1) {
                tp++;
            } else if (y == 1) {
                fp++;
            } else if (labels[n] == 1) {
                fn++;
            }
        }
        return tp + fp + fn == 0 ? Double.NaN : 2.0 * tp / (2.0 * tp + fp + fn);
    }

    /** F1 without any swap. */
    public static double f1(int[] predicted, int[] labels) {
        return new FlagThreshold(Double.NEGATIVE_INFINITY, true, Double.NaN).f1(new double[predicted.length],
                predicted, labels);
    }
}
