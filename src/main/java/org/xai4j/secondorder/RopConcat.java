package org.xai4j.secondorder;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Concatenation along the channel axis (DenseNet): linear; the backward pass splits the gradients by input. */
final class RopConcat implements RopVertex {
    private long[] channels;

    @Override
    public INDArray forward(INDArray[] inputs) {
        channels = new long[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            channels[i] = inputs[i].size(1);
        }
        return Nd4j.concat(1, inputs);
    }

    @Override
    public INDArray tangent(INDArray[] inputTangents) {
        return Nd4j.concat(1, inputTangents);
    }

    @Override
    public INDArray[][] backward(INDArray d, INDArray rd) {
        return new INDArray[][] {split(d), split(rd)};
    }

    private INDArray[] split(INDArray g) {
        INDArray[] out = new INDArray[channels.length];
        long from = 0;
        for (int i = 0; i < channels.length; i++) {
            out[i] = g.get(NDArrayIndex.all(), NDArrayIndex.interval(from, from + channels[i])).dup();
            from += channels[i];
        }
        return out;
    }
}
