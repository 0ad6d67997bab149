package org.xai4j.secondorder;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A layer that is affine in its input and linear in its weights, {@code z = W a + b}, followed by an optional
 * {@link PointwiseActivation}: the convolution and the dense layer. Bilinear in (a, W), so {@code R{z} = W R{a}} (no bias),
 * {@code R{da} = W^T R{dz}} and {@code R{dW} = a (x) R{dz} + R{a} (x) dz}; subclasses give the two products.
 */
abstract class RopAffine implements RopVertex {
    private final PointwiseActivation activation;
    /** The input and its tangent, kept for the weight gradients. */
    protected INDArray input;
    protected INDArray inputTangent;

    RopAffine(PointwiseActivation activation) {
        this.activation = activation;
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
        return activation == null ? z : activation.forward(z);
    }

    @Override
    public final INDArray tangent(INDArray[] inputTangents) {
        inputTangent = inputTangents[0];
        INDArray rz = apply(inputTangent, false);
        return activation == null ? rz : activation.tangent(rz);
    }

    @Override
    public final INDArray[][] backward(INDArray d, INDArray rd) {
        INDArray[] dz = activation == null ? new INDArray[] {d, rd} : activation.backward(d, rd);
        INDArray[] g = transpose(dz[0], dz[1]);
        return new INDArray[][] {{g[0]}, {g[1]}};
    }
}
