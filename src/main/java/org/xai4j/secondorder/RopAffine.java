package org.xai4j.secondorder;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A layer that is affine in its input and linear in its weights, {@code z = W a + b}, followed by an optional
 * {@link Rectifier}: the convolution and the dense layer. Bilinear in (a, W), so {@code R{z} = W R{a}} (no bias),
 * {@code R{da} = W^T R{dz}} and {@code R{dW} = a (x) R{dz} + R{a} (x) dz}; subclasses give the two products.
 */
abstract class RopAffine implements RopVertex {
    private final Rectifier rectifier;
    /** The input and its tangent, kept for the weight gradients. */
    protected INDArray input;
    protected INDArray inputTangent;
    private INDArray slopes;

    RopAffine(Rectifier rectifier) {
        this.rectifier = rectifier;
    }

    /** {@code W x}, plus the bias when {@code withBias}. */
    abstract INDArray apply(INDArray x, boolean withBias);

    /**
     * From {@code dz} and {@code R{dz}}: adds {@code R{dW}} and {@code R{db}} to the gradient views and returns
     * {@code {da, R{da}}}.
     */
    abstract INDArray[] transpose(INDArray dz, INDArray rdz);

    @Override
    public final INDArray forward(INDArray[] inputs) {
        input = inputs[0];
        INDArray z = apply(input, true);
        if (rectifier == null) {
            return z;
        }
        slopes = rectifier.slopes(z);
        return z.muli(slopes);
    }

    @Override
    public final INDArray tangent(INDArray[] inputTangents) {
        inputTangent = inputTangents[0];
        INDArray rz = apply(inputTangent, false);
        return slopes == null ? rz : rz.muli(slopes);
    }

    @Override
    public final INDArray[][] backward(INDArray d, INDArray rd) {
        INDArray[] g = slopes == null ? transpose(d, rd) : transpose(d.mul(slopes), rd.mul(slopes));
        return new INDArray[][] {{g[0]}, {g[1]}};
    }
}
