package org.xai4j.secondorder;

import org.nd4j.linalg.api.ndarray.INDArray;

/** An activation layer whose function is a {@link Rectifier} (or the identity). */
final class RopActivation implements RopVertex {
    private final Rectifier rectifier;
    private INDArray slopes;

    RopActivation(Rectifier rectifier) {
        this.rectifier = rectifier;
    }

    @Override
    public INDArray forward(INDArray[] inputs) {
        if (rectifier == null) {
            return inputs[0];
        }
        slopes = rectifier.slopes(inputs[0]);
        return inputs[0].mul(slopes);
    }

    @Override
    public INDArray tangent(INDArray[] inputTangents) {
        return slopes == null ? inputTangents[0] : inputTangents[0].mul(slopes);
    }

    @Override
    public INDArray[][] backward(INDArray d, INDArray rd) {
        return slopes == null ? new INDArray[][] {{d}, {rd}} : new INDArray[][] {{d.mul(slopes)}, {rd.mul(slopes)}};
    }
}
