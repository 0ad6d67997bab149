package org.xai4j.attribution;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.model.Target;

/**
 * The value of a {@link Target} on logits, for the methods that need T itself (Occlusion, the IG completeness
 * delta): {@code T_n(z_n) = <dT/dz_n, z_n>}. This is exact for the attribution targets, which are linear in the
 * logits ({@link Target#logit}, {@link Target#perExample}, {@link Target#sum}, {@link Target#weights}); for a
 * non-linear target it is the first-order (tangent) value.
 */
public final class TargetValues {
    private TargetValues() {
    }

    /** {@code T_n(z_n)} for every row n of the N x K logits. */
    public static double[] of(Target target, INDArray logits) {
        return ReplicatedTarget.values(target, (int) logits.size(0), 0, logits);
    }

    /**
     * dT/dz for R rows of logits computed from perturbed copies of the examples of a batch of N: row i belongs to
     * example {@code examples[i]} (any order, repeats allowed). Each row is evaluated at its example's row of an
     * N x K template, as the target's per-row contract allows.
     */
    public static INDArray outputGradient(Target target, int batch, int[] examples, INDArray logits) {
        if (examples.length != logits.size(0)) {
            throw new IllegalArgumentException(examples.length + " example indices for " + logits.size(0) + " rows");
        }
        long k = logits.size(1);
        INDArray out = Nd4j.zeros(logits.dataType(), logits.shape());
        boolean[] done = new boolean[examples.length];
        int remaining = examples.length;
        while (remaining > 0) {
            INDArray template = Nd4j.zeros(logits.dataType(), batch, k);
            int[] rowOf = new int[batch];
            java.util.Arrays.fill(rowOf, -1);
            for (int i = 0; i < examples.length; i++) {
                int n = examples[i];
                if (n < 0 || n >= batch) {
                    throw new IllegalArgumentException("example index " + n + " outside a batch of " + batch);
                }
                if (!done[i] && rowOf[n] < 0) {
                    rowOf[n] = i;
                    template.putRow(n, logits.getRow(i));
                }
            }
            INDArray g = target.outputGradient(template);
            for (int n = 0; n < batch; n++) {
                if (rowOf[n] >= 0) {
                    out.putRow(rowOf[n], g.getRow(n));
                    done[rowOf[n]] = true;
                    remaining--;
                }
            }
        }
        return out;
    }
}
