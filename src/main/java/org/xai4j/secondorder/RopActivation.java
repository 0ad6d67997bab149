package org.xai4j.secondorder;

import org.nd4j.linalg.api.ndarray.INDArray;

/** An activation layer whose function is a {@link PointwiseActivation} (or the identity, when it is null). */
final class RopActivation implements RopVertex {
    private final PointwiseActivation activation;

    RopActivation(PointwiseActivation activation) {
        this.activation = activation;
    }

    @Override
    public INDArray forward(INDArray[] inputs) {
        return activation == null ? inputs[0] : activation.forward(inputs[0]);
    }

    @Override
    public INDArray tangent(INDArray[] inputTangents) {
        return activation == null ? inputTangents[0] : activation.tangent(inputTangents[0]);
    }

    @Override
    public INDArray[][] backward(INDArray d, INDArray rd) {
        if (activation == null) {
            return new INDArray[][] {{d}, {rd}};
        }
        INDArray[] g = activation.backward(d, rd);
        return new INDArray[][] {{g[0]}, {g[1]}};
    }
}
