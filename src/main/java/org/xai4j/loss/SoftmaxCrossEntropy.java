package org.xai4j.loss;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Softmax cross-entropy for multi-class labels (one-hot rows):
 * {@code L = -sum_c y_c log softmax(z)_c}, averaged over the batch; computed with the log-sum-exp shift.
 */
public final class SoftmaxCrossEntropy implements LogitLoss {
    private final int numClasses;

    public SoftmaxCrossEntropy(int numClasses) {
        if (numClasses < 2) {
            throw new IllegalArgumentException("softmax cross-entropy needs at least 2 classes, got " + numClasses);
        }
        this.numClasses = numClasses;
    }

    @Override
    public String name() {
        return "ce";
    }

    @Override
    public LossValue compute(INDArray logits, INDArray labels) {
        double[][] z = logits.toDoubleMatrix();
        double[][] y = labels.toDoubleMatrix();
        LossChecks.sameShape(z, y, numClasses);
        double[][] grad = new double[z.length][numClasses];
        double total = 0;
        for (int i = 0; i < z.length; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (double v : z[i]) {
                max = Math.max(max, v);
            }
            double sum = 0;
            for (double v : z[i]) {
                sum += Math.exp(v - max);
            }
            double logSum = max + Math.log(sum);
            for (int c = 0; c < numClasses; c++) {
                double logP = z[i][c] - logSum;
                total -= y[i][c] * logP;
                grad[i][c] = Math.exp(logP) - y[i][c];
            }
        }
        return new LossValue(total / z.length, Nd4j.createFromArray(grad).castTo(logits.dataType()));
    }
}
