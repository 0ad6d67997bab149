package org.xai4j.loss;

/** Shape and value checks shared by the logit losses. */
final class LossChecks {
    private LossChecks() {
    }

    static void sameShape(double[][] logits, double[][] labels, int numLabels) {
        if (logits.length != labels.length) {
            throw new IllegalArgumentException("logits have " + logits.length + " rows but labels " + labels.length);
        }
        for (int i = 0; i < logits.length; i++) {
            if (logits[i].length != numLabels || labels[i].length != numLabels) {
                throw new IllegalArgumentException("row " + i + ": expected " + numLabels + " logits and labels, got "
                        + logits[i].length + " and " + labels[i].length);
            }
            for (double v : logits[i]) {
                if (!Double.isFinite(v)) {
                    throw new ArithmeticException("non-finite logit in row " + i + ": " + v
                            + " (training diverged: lower the learning rate)");
                }
            }
        }
    }
}
