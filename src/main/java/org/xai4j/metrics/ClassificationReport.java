package org.xai4j.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.xai4j.data.LabelTask;

/**
 * Per-class and macro-averaged metrics for K outputs. Binary and multi-label outputs are judged per label
 * independently (sigmoid scores); multi-class outputs per class one-vs-rest on the softmax scores, plus top-1
 * accuracy. Each class gets its AUC, its Youden threshold and the accuracy and F1 at that threshold. Macro
 * means average over the classes where the value is defined (a class absent from the data has NaN AUC and is
 * left out); they are NaN when no class has a defined value.
 *
 * @param task          how the labels are to be read
 * @param perClass      one entry per output, in output order
 * @param macroAuc      mean AUC over classes with a defined AUC
 * @param macroAccuracy mean per-class accuracy at each class's threshold
 * @param macroF1       mean per-class F1 at each class's threshold
 * @param top1Accuracy  share of examples whose highest score is their class (multi-class only, NaN otherwise)
 */
public record ClassificationReport(LabelTask task, List<ClassMetrics> perClass, double macroAuc,
                                   double macroAccuracy, double macroF1, double top1Accuracy) {
    /** The threshold used for a class whose Youden point is undefined (only one class present). */
    public static final double FALLBACK_THRESHOLD = 0.5;

    public ClassificationReport {
        perClass = List.copyOf(perClass);
    }

    /** A multi-label entry without a label (NaN in the data), left out of its class's metrics. */
    public static final int UNKNOWN = -1;

    /**
     * Computes the report.
     *
     * @param names  one name per output
     * @param scores {@code [example][output]} probabilities (sigmoid or softmax); no NaN
     * @param labels {@code [example][output]} 0/1, or {@value #UNKNOWN} for a multi-label entry without a label
     *               (CheXpert's U-Ignore: left out of that class's metrics); exactly one 1 per row for
     *               {@link LabelTask#MULTI_CLASS}; a single column for {@link LabelTask#BINARY}
     */
    public static ClassificationReport of(LabelTask task, List<String> names, double[][] scores, int[][] labels) {
        int k = names.size();
        check(task, k, scores, labels);
        List<ClassMetrics> perClass = new ArrayList<>(k);
        for (int c = 0; c < k; c++) {
            int cls = c;
            int[] known = java.util.stream.IntStream.range(0, labels.length).filter(i -> labels[i][cls] != UNKNOWN)
                    .toArray();
            double[] s = java.util.Arrays.stream(known).mapToDouble(i -> scores[i][cls]).toArray();
            int[] y = java.util.Arrays.stream(known).map(i -> labels[i][cls]).toArray();
            RocCurve roc = RocCurve.of(s, y);
            Youden youden = Youden.of(roc);
            double threshold = youden.isDefined() ? youden.threshold() : FALLBACK_THRESHOLD;
            perClass.add(new ClassMetrics(names.get(c), roc.auc(), youden, BinaryMetrics.at(s, y, threshold)));
        }
        double top1 = task == LabelTask.MULTI_CLASS ? top1(scores, labels) : Double.NaN;
        return new ClassificationReport(task, perClass, mean(perClass, ClassMetrics::auc),
                mean(perClass, ClassMetrics::accuracy), mean(perClass, ClassMetrics::f1), top1);
    }

    private static void check(LabelTask task, int k, double[][] scores, int[][] labels) {
        if (task == LabelTask.BINARY && k != 1) {
            throw new IllegalArgumentException("a binary task has one output, got " + k + " names");
        }
        if (scores.length != labels.length) {
            throw new IllegalArgumentException("scores and labels differ in length: " + scores.length + " vs "
                    + labels.length);
        }
        for (int i = 0; i < scores.length; i++) {
            if (scores[i].length != k || labels[i].length != k) {
                throw new IllegalArgumentException("row " + i + " has " + scores[i].length + " scores and "
                        + labels[i].length + " labels, expected " + k + " of each");
            }
            int ones = 0;
            for (int c = 0; c < k; c++) {
                if (Double.isNaN(scores[i][c])) {
                    throw new IllegalArgumentException("scores[" + i + "][" + c + "] is NaN");
                }
                boolean unknown = labels[i][c] == UNKNOWN && task == LabelTask.MULTI_LABEL;
                if (labels[i][c] != 0 && labels[i][c] != 1 && !unknown) {
                    throw new IllegalArgumentException("labels[" + i + "][" + c + "] must be 0 or 1"
                            + (task == LabelTask.MULTI_LABEL ? " (or " + UNKNOWN + ": unknown)" : "") + ", got "
                            + labels[i][c]);
                }
                ones += unknown ? 0 : labels[i][c];
            }
            if (task == LabelTask.MULTI_CLASS && ones != 1) {
                throw new IllegalArgumentException("labels[" + i + "] must hold exactly one 1 for a multi-class"
                        + " task, got " + ones);
            }
        }
    }

    private static double top1(double[][] scores, int[][] labels) {
        int correct = 0;
        for (int i = 0; i < scores.length; i++) {
            int best = 0;
            for (int c = 1; c < scores[i].length; c++) {
                if (scores[i][c] > scores[i][best]) {
                    best = c;
                }
            }
            correct += labels[i][best];
        }
        return scores.length == 0 ? Double.NaN : (double) correct / scores.length;
    }

    private static double mean(List<ClassMetrics> classes, ToDoubleFunction<ClassMetrics> metric) {
        double sum = 0;
        int n = 0;
        for (ClassMetrics c : classes) {
            double v = metric.applyAsDouble(c);
            if (!Double.isNaN(v)) {
                sum += v;
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    private static double[] column(double[][] m, int c) {
        double[] out = new double[m.length];
        for (int i = 0; i < m.length; i++) {
            out[i] = m[i][c];
        }
        return out;
    }

    private static int[] column(int[][] m, int c) {
        int[] out = new int[m.length];
        for (int i = 0; i < m.length; i++) {
            out[i] = m[i][c];
        }
        return out;
    }
}
