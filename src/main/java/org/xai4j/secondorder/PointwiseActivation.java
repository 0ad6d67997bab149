package org.xai4j.secondorder;

import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * An element-wise activation {@code y = f(z)} under the R-operator, for one vertex: {@code R{y} = f'(z) R{z}},
 * {@code dz = f'(z) dy} and {@code R{dz} = f'(z) R{dy} + f''(z) R{z} dy}. The rectifiers (ReLU, leaky ReLU) are
 * piecewise linear, so their {@code f''} is 0 almost everywhere and the last term vanishes; tanh
 * ({@code f' = 1 - y^2}, {@code f'' = -2 y f'}) and the sigmoid ({@code f' = y (1 - y)},
 * {@code f'' = f' (1 - 2 y)}) keep it. Holds the slopes of the last forward pass and the last tangent.
 */
final class PointwiseActivation {
    private enum Kind { RECTIFIER, TANH, SIGMOID }

    private final Kind kind;
    private final double negativeSlope;
    private INDArray slopes;
    private INDArray curvature;
    private INDArray preActivationTangent;

    private PointwiseActivation(Kind kind, double negativeSlope) {
        this.kind = kind;
        this.negativeSlope = negativeSlope;
    }

    /** The activation of {@code activation}, or null for the identity; other activations are refused. */
    static PointwiseActivation of(IActivation activation, String vertex) {
        if (activation == null || activation instanceof ActivationIdentity) {
            return null;
        }
        if (activation instanceof ActivationReLU relu) {
            if (relu.getMax() != null || relu.getThreshold() != null && relu.getThreshold() != 0
                    || relu.getNegativeSlope() != null && relu.getNegativeSlope() != 0) {
                throw Unsupported.vertex(vertex, "a ReLU with max, threshold or negative slope");
            }
            return new PointwiseActivation(Kind.RECTIFIER, 0);
        }
        if (activation instanceof ActivationLReLU lrelu) {
            return new PointwiseActivation(Kind.RECTIFIER, lrelu.getAlpha());
        }
        if (activation instanceof ActivationTanH) {
            return new PointwiseActivation(Kind.TANH, 0);
        }
        if (activation instanceof ActivationSigmoid) {
            return new PointwiseActivation(Kind.SIGMOID, 0);
        }
        throw Unsupported.vertex(vertex, "activation " + activation);
    }

    /** {@code f(z)}; keeps {@code f'(z)} and {@code f''(z)}. */
    INDArray forward(INDArray z) {
        switch (kind) {
            case RECTIFIER -> {
                INDArray on = z.gt(0).castTo(z.dataType());
                slopes = negativeSlope == 0 ? on : on.muli(1 - negativeSlope).addi(negativeSlope);
                curvature = null;
                return z.mul(slopes);
            }
            case TANH -> {
                INDArray y = Transforms.tanh(z, true);
                slopes = y.mul(y).rsubi(1);
                curvature = y.mul(slopes).muli(-2);
                return y;
            }
            default -> {
                INDArray y = Transforms.sigmoid(z, true);
                slopes = y.rsub(1).muli(y);
                curvature = y.mul(-2).addi(1).muli(slopes);
                return y;
            }
        }
    }

    /** {@code R{y}} from {@code R{z}}. */
    INDArray tangent(INDArray rz) {
        preActivationTangent = rz;
        return rz.mul(slopes);
    }

    /** {@code {dz, R{dz}}} from {@code dy} and {@code R{dy}}. */
    INDArray[] backward(INDArray dy, INDArray rdy) {
        INDArray rdz = rdy.mul(slopes);
        if (curvature != null) {
            rdz.addi(curvature.mul(preActivationTangent).muli(dy));
        }
        return new INDArray[] {dy.mul(slopes), rdz};
    }
}
