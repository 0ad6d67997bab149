package org.xai4j.attribution;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.BaseActivationFunction;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * A rectifier whose backward pass is Guided Backpropagation's (Springenberg et al., 2015): the forward pass is the
 * wrapped activation's; the backward pass lets only positive incoming gradients through, then applies the
 * activation's own derivative: {@code R_l = 1[z > 0] * relu(R_{l+1})} for ReLU. Used only inside the private clone
 * of {@link GuidedBackprop}.
 */
final class GuidedActivation extends BaseActivationFunction {
    private static final long serialVersionUID = 1L;
    private final IActivation rectifier;

    GuidedActivation(IActivation rectifier) {
        this.rectifier = rectifier;
    }

    @Override
    public INDArray getActivation(INDArray in, boolean training) {
        return rectifier.getActivation(in, training);
    }

    @Override
    public Pair<INDArray, INDArray> backprop(INDArray in, INDArray epsilon) {
        return rectifier.backprop(in, Transforms.relu(epsilon, true));
    }

    @Override
    public String toString() {
        return "guided(" + rectifier + ")";
    }
}
