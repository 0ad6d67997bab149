package org.xai4j.secondorder;

import org.nd4j.linalg.api.ndarray.INDArray;

/** Global average pooling of feature maps, N x C x H x W to N x C: linear, so tangent and backward are linear too. */
final class RopGlobalAveragePool implements RopVertex {
    private long[] shape;

    @Override
    public INDArray forward(INDArray[] inputs) {
        shape = inputs[0].shape();
        return inputs[0].mean(2, 3);
    }

    @Override
    public INDArray tangent(INDArray[] inputTangents) {
        return inputTangents[0].mean(2, 3);
    }

    @Override
    public INDArray[][] backward(INDArray d, INDArray rd) {
        return new INDArray[][] {{spread(d)}, {spread(rd)}};
    }

    private INDArray spread(INDArray g) {
        return g.reshape(shape[0], shape[1], 1, 1).div(shape[2] * shape[3]).broadcast(shape);
    }
}
