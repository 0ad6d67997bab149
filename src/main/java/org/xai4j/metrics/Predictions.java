package org.xai4j.metrics;

import java.util.List;

/**
 * A model's logits on a set of images, with their labels.
 *
 * @param ids    image ids, in row order
 * @param logits N x K
 * @param labels N x K (0/1)
 */
public record Predictions(List<String> ids, double[][] logits, double[][] labels) {
    public Predictions {
        ids = List.copyOf(ids);
        if (logits.length != ids.size() || labels.length != ids.size()) {
            throw new IllegalArgumentException("predictions: " + ids.size() + " ids, " + logits.length + " logit rows, "
                    + labels.length + " label rows");
        }
    }

    public int size() {
        return ids.size();
    }

    public int numLabels() {
        return logits.length == 0 ? 0 : logits[0].length;
    }

    /** Scores in [0, 1]: softmax over each row for multi-class models, a sigmoid per logit otherwise. */
    public double[][] scores(boolean softmax) {
        double[][] s = new double[logits.length][];
        for (int i = 0; i < logits.length; i++) {
            s[i] = softmax ? softmax(logits[i]) : sigmoid(logits[i]);
        }
        return s;
    }

    /** Column {@code k} of a matrix. */
    public static double[] column(double[][] m, int k) {
        double[] c = new double[m.length];
        for (int i = 0; i < m.length; i++) {
            c[i] = m[i][k];
        }
        return c;
    }

    /** Labels of column {@code k} as 0/1 integers. */
    public int[] labelColumn(int k) {
        int[] c = new int[labels.length];
        for (int i = 0; i < labels.length; i++) {
            c[i] = labels[i][k] > 0.5 ? 1 : 0;
        }
        return c;
    }

    /**
     * Mean ROC AUC over the labels whose AUC is defined (both classes present among the examples with a label for
     * it: a NaN label is left out); NaN when none is.
     */
    public double meanAuc(boolean softmax) {
        double[][] s = scores(softmax);
        double sum = 0;
        int n = 0;
        for (int k = 0; k < numLabels(); k++) {
            int label = k;
            int[] known = java.util.stream.IntStream.range(0, labels.length)
                    .filter(i -> !Double.isNaN(labels[i][label])).toArray();
            double auc = RocCurve.of(java.util.Arrays.stream(known).mapToDouble(i -> s[i][label]).toArray(),
                    java.util.Arrays.stream(known).map(i -> labels[i][label] > 0.5 ? 1 : 0).toArray()).auc();
            if (!Double.isNaN(auc)) {
                sum += auc;
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    private static double[] sigmoid(double[] z) {
        double[] p = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            p[i] = z[i] >= 0 ? 1 / (1 + Math.exp(-z[i])) : Math.exp(z[i]) / (1 + Math.exp(z[i]));
        }
        return p;
    }

    private static double[] softmax(double[] z) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : z) {
            max = Math.max(max, v);
        }
        double sum = 0;
        double[] p = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            p[i] = Math.exp(z[i] - max);
            sum += p[i];
        }
        for (int i = 0; i < z.length; i++) {
            p[i] /= sum;
        }
        return p;
    }
}
