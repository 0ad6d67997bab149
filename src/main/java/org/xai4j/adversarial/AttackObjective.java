package org.xai4j.adversarial;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.loss.LogitLoss;
import org.xai4j.model.Mode;
import org.xai4j.model.ModelAdapter;

/**
 * What an attack maximises: the loss of the true labels (untargeted) or minus the loss of the target labels
 * (targeted), built on any {@link LogitLoss} (weighted BCE, BCE, softmax cross-entropy or a configured loss).
 * Per-example values (to keep each example's worst case) are the loss of that example alone, i.e. with
 * weighted BCE's dataset beta; they are only ever compared across candidates of the same example.
 */
final class AttackObjective {
    private final LogitLoss loss;
    private final INDArray labels;
    private final double sign;

    AttackObjective(LogitLoss loss, INDArray labels, boolean targeted) {
        this.loss = loss;
        this.labels = labels;
        this.sign = targeted ? -1 : 1;
    }

    /** The gradient of the objective (summed over the batch) at x and the per-example objective there. */
    record Point(INDArray gradient, double[] values) {
    }

    /** One gradient pass; the per-example values come from the logits of the same pass (no extra forward). */
    Point at(ModelAdapter adapter, INDArray x, Mode mode) {
        INDArray[] logits = new INDArray[1];
        INDArray g = adapter.inputGradient(x, z -> {
            logits[0] = z.dup();
            INDArray dz = loss.compute(z, labels).logitGradient();
            return sign == 1 ? dz : dz.muli(sign);
        }, mode);
        return new Point(g, values(logits[0]));
    }

    /** The per-example objective at x (one forward pass). */
    double[] valuesAt(ModelAdapter adapter, INDArray x, Mode mode) {
        return values(adapter.logits(x, mode));
    }

    /** Per-example objective for the given logits. */
    double[] values(INDArray logits) {
        int n = (int) logits.size(0);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = sign * loss.compute(logits.getRow(i, true), labels.getRow(i, true)).value();
        }
        return v;
    }
}
