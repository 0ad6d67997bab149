package org.xai4j.adversarial;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Target labels of targeted attacks: the labels a targeted attack pushes each example towards. */
public final class TargetLabels {
    private TargetLabels() {
    }

    /**
     * The "other" labels: {@code 1 - y} for binary and multi-label rows, the next class ({@code (c + 1) mod K}) for
     * one-hot multi-class rows.
     *
     * @param labels  N x K
     * @param oneHot  true for multi-class (softmax) labels
     */
    public static INDArray flipped(INDArray labels, boolean oneHot) {
        if (!oneHot) {
            return labels.rsub(1.0);
        }
        double[][] y = labels.toDoubleMatrix();
        double[][] t = new double[y.length][];
        for (int i = 0; i < y.length; i++) {
            int k = y[i].length;
            int c = 0;
            for (int j = 1; j < k; j++) {
                if (y[i][j] > y[i][c]) {
                    c = j;
                }
            }
            t[i] = new double[k];
            t[i][(c + 1) % k] = 1;
        }
        return Nd4j.createFromArray(t).castTo(labels.dataType());
    }
}
