package org.xai4j.secondorder;

import org.nd4j.linalg.api.ndarray.INDArray;

/** DL4J's CNN-to-dense preprocessor (N x C x H x W to N x CHW, row-major) in front of a layer. */
final class RopFlatten implements RopVertex {
    private final RopVertex layer;
    private long[] shape;

    RopFlatten(RopVertex layer) {
        this.layer = layer;
    }

    @Override
    public INDArray forward(INDArray[] inputs) {
        shape = inputs[0].shape();
        return layer.forward(new INDArray[] {flat(inputs[0])});
    }

    @Override
    public INDArray tangent(INDArray[] inputTangents) {
        return layer.tangent(new INDArray[] {flat(inputTangents[0])});
    }

    @Override
    public INDArray[][] backward(INDArray d, INDArray rd) {
        INDArray[][] g = layer.backward(d, rd);
        return new INDArray[][] {{g[0][0].dup('c').reshape('c', shape)}, {g[1][0].dup('c').reshape('c', shape)}};
    }

    private static INDArray flat(INDArray x) {
        return x.dup('c').reshape('c', x.size(0), x.length() / x.size(0));
    }
}
