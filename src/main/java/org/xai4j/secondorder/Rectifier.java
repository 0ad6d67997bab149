package org.xai4j.secondorder;

import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A piecewise-linear activation {@code y = s(z) z} (identity, ReLU, leaky ReLU): its slopes {@code s} are 1 where
 * {@code z > 0} and the negative slope elsewhere. Its second derivative is 0 almost everywhere, so the R-operator
 * passes tangents and gradients through with the same slopes: {@code R{y} = s R{z}}, {@code dz = s dy},
 * {@code R{dz} = s R{dy}}.
 */
final class Rectifier {
    private final double negativeSlope;

    private Rectifier(double negativeSlope) {
        this.negativeSlope = negativeSlope;
    }

    /** The rectifier of {@code activation}, or null for the identity; other activations are refused. */
    static Rectifier of(IActivation activation, String vertex) {
        if (activation == null || activation instanceof ActivationIdentity) {
            return null;
        }
        if (activation instanceof ActivationReLU relu) {
            if (relu.getMax() != null || relu.getThreshold() != null && relu.getThreshold() != 0
                    || relu.getNegativeSlope() != null && relu.getNegativeSlope() != 0) {
                throw Unsupported.vertex(vertex, "a ReLU with max, threshold or negative slope");
            }
            return new Rectifier(0);
        }
        if (activation instanceof ActivationLReLU lrelu) {
            return new Rectifier(lrelu.getAlpha());
        }
        throw Unsupported.vertex(vertex, "activation " + activation);
    }

    /** The slopes at the pre-activations {@code z}: 1 where {@code z > 0}, the negative slope elsewhere. */
    INDArray slopes(INDArray z) {
        INDArray on = z.gt(0).castTo(z.dataType());
        return negativeSlope == 0 ? on : on.muli(1 - negativeSlope).addi(negativeSlope);
    }
}
