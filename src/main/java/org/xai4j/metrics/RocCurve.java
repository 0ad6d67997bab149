package org.xai4j.metrics;

import java.util.Arrays;

/**
 * A receiver operating characteristic curve and its area. One point per distinct score, from the strictest
 * threshold down: at point {@code k} an example is called positive when its score is {@code >= thresholds[k]}.
 * The first point, (0, 0), stands for a threshold above every score and reports {@code +Infinity}; the last is
 * (1, 1). Tied scores move both rates at once, so the trapezoidal area counts each positive-negative tie as 1/2
 * and equals the Mann-Whitney U statistic divided by {@code P * N}.
 *
 * <p>With only one class present the curve is undefined: it has no points, {@link #auc()} is NaN and
 * {@link #undefinedReason()} says why.
 */
public final class RocCurve {
    private final double[] fpr;
    private final double[] tpr;
    private final double[] thresholds;
    private final double auc;
    private final int positives;
    private final int negatives;

    private RocCurve(double[] fpr, double[] tpr, double[] thresholds, double auc, int positives, int negatives) {
        this.fpr = fpr;
        this.tpr = tpr;
        this.thresholds = thresholds;
        this.auc = auc;
        this.positives = positives;
        this.negatives = negatives;
    }

    /**
     * The ROC curve of {@code scores} (higher = more positive; any finite or infinite value, NaN is refused)
     * against 0/1 {@code labels}.
     */
    public static RocCurve of(double[] scores, int[] labels) {
        Inputs.checkScoresAndLabels(scores, labels);
        int p = 0;
        for (int label : labels) {
            p += label;
        }
        int n = labels.length - p;
        double[] pos = new double[p];
        double[] neg = new double[n];
        for (int i = 0, ip = 0, in = 0; i < scores.length; i++) {
            double s = scores[i] + 0.0; // -0.0 becomes 0.0 so that the two tie
            if (labels[i] == 1) {
                pos[ip++] = s;
            } else {
                neg[in++] = s;
            }
        }
        if (p == 0 || n == 0) {
            return new RocCurve(new double[0], new double[0], new double[0], Double.NaN, p, n);
        }
        Arrays.sort(pos);
        Arrays.sort(neg);
        return walk(pos, neg);
    }

    private static RocCurve walk(double[] pos, double[] neg) {
        int p = pos.length;
        int n = neg.length;
        double[] fpr = new double[p + n + 1];
        double[] tpr = new double[p + n + 1];
        double[] thr = new double[p + n + 1];
        thr[0] = Double.POSITIVE_INFINITY;
        int points = 1;
        int i = p - 1;
        int j = n - 1;
        long tp = 0;
        long fp = 0;
        long twiceArea = 0; // in units of one positive x one negative, doubled to stay an integer
        while (i >= 0 || j >= 0) {
            double t = i < 0 ? neg[j] : j < 0 ? pos[i] : Math.max(pos[i], neg[j]);
            long tpBefore = tp;
            long fpBefore = fp;
            while (i >= 0 && pos[i] == t) {
                tp++;
                i--;
            }
            while (j >= 0 && neg[j] == t) {
                fp++;
                j--;
            }
            twiceArea += (fp - fpBefore) * (tp + tpBefore);
            fpr[points] = (double) fp / n;
            tpr[points] = (double) tp / p;
            thr[points] = t;
            points++;
        }
        double auc = twiceArea / (2.0 * p * n);
        return new RocCurve(Arrays.copyOf(fpr, points), Arrays.copyOf(tpr, points), Arrays.copyOf(thr, points),
                auc, p, n);
    }

    /** The area under the curve, in [0, 1]; NaN when {@link #isDefined()} is false. */
    public double auc() {
        return auc;
    }

    /** Whether both classes are present, so that the curve and its area exist. */
    public boolean isDefined() {
        return positives > 0 && negatives > 0;
    }

    /** Why the curve is undefined (e.g. {@code "no negative labels (4 positives)"}), or null when defined. */
    public String undefinedReason() {
        if (isDefined()) {
            return null;
        }
        if (positives == 0 && negatives == 0) {
            return "no examples";
        }
        return positives == 0 ? "no positive labels (" + negatives + " negatives)"
                : "no negative labels (" + positives + " positives)";
    }

    /** The false-positive rates of the points (a copy). */
    public double[] fpr() {
        return fpr.clone();
    }

    /** The true-positive rates of the points (a copy). */
    public double[] tpr() {
        return tpr.clone();
    }

    /** The thresholds of the points (a copy); the first is {@code +Infinity}. */
    public double[] thresholds() {
        return thresholds.clone();
    }

    /** The number of points. */
    public int size() {
        return fpr.length;
    }

    /** The number of positive examples. */
    public int positives() {
        return positives;
    }

    /** The number of negative examples. */
    public int negatives() {
        return negatives;
    }

    @Override
    public String toString() {
        return isDefined() ? String.format("RocCurve[auc=%.4f, %d points, P=%d, N=%d]", auc, size(), positives,
                negatives) : "RocCurve[undefined: " + undefinedReason() + "]";
    }
}
