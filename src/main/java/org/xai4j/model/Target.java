package org.xai4j.model;

import java.util.Arrays;
import java.util.Objects;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A scalar function T of the logits whose gradient {@link ModelAdapter} back-propagates: it maps the N x K logits
 * to dT/dlogits (N x K, the external error fed to DL4J). The adapter differentiates the <b>batch sum</b>
 * {@code sum_n T_n(z_n)} (gradients are sums over the batch, never means). Implementations must return a new
 * array of the logits' shape and data type and must not modify the logits. Losses supply their own lambdas;
 * the factories cover the attribution targets (Captum's {@code target}, pytorch-grad-cam's target objects).
 */
@FunctionalInterface
public interface Target {
    /**
     * @param logits N x K logits (read only)
     * @return dT/dlogits, N x K
     */
    INDArray outputGradient(INDArray logits);

    /** The k-th logit of every example: dT/dz = one-hot column k. */
    static Target logit(int k) {
        return sum(k);
    }

    /** Logit {@code classes[n]} of example n. */
    static Target perExample(int[] classes) {
        int[] c = classes.clone();
        return z -> {
            checkRows(z, c.length);
            INDArray g = Nd4j.zeros(z.dataType(), z.shape());
            for (int n = 0; n < c.length; n++) {
                checkClass(z, c[n]);
                g.putScalar(n, c[n], 1.0);
            }
            return g;
        };
    }

    /** Sum of the logits {@code ks} (repeats count repeatedly) of every example. */
    static Target sum(int... ks) {
        int[] c = ks.clone();
        if (c.length == 0) {
            throw new IllegalArgumentException("sum: give at least one logit index");
        }
        return z -> {
            INDArray g = Nd4j.zeros(z.dataType(), z.shape());
            for (int k : c) {
                checkClass(z, k);
                INDArray col = g.getColumn(k);
                col.addi(1.0);
            }
            return g;
        };
    }

    /**
     * T = sum of w * z over the batch, so dT/dz = w; w is N x K (per-example weights) or 1 x K / K (broadcast over
     * the batch).
     */
    static Target weights(INDArray w) {
        INDArray copy = w.dup();
        return z -> {
            if (Arrays.equals(copy.shape(), z.shape())) {
                return copy.castTo(z.dataType()).dup();
            }
            if (copy.length() == z.size(1)) {
                INDArray row = copy.reshape(1, z.size(1)).castTo(z.dataType());
                return Nd4j.zeros(z.dataType(), z.shape()).addiRowVector(row);
            }
            throw new IllegalArgumentException("weights: shape " + Arrays.toString(copy.shape())
                    + " does not match logits " + Arrays.toString(z.shape()));
        };
    }

    private static void checkRows(INDArray z, int n) {
        if (z.size(0) != n) {
            throw new IllegalArgumentException("perExample: " + n + " classes for a batch of " + z.size(0));
        }
    }

    private static void checkClass(INDArray z, int k) {
        Objects.checkIndex(k, (int) z.size(1));
    }
}
