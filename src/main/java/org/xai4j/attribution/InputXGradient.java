package org.xai4j.attribution;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.model.Mode;
import org.xai4j.model.ModelAdapter;
import org.xai4j.model.Target;

/** Input x Gradient (Shrikumar et al., 2016): the element-wise product of the input and its gradient. */
public final class InputXGradient implements Attribution {
    private final ModelAdapter adapter;

    public InputXGradient(ModelAdapter adapter) {
        this.adapter = adapter;
    }

    @Override
    public String name() {
        return "ixg";
    }

    @Override
    public INDArray attribute(INDArray inputs, Target target) {
        INDArray g = adapter.inputGradient(inputs, target, Mode.INFERENCE);
        return g.muli(inputs.castTo(g.dataType()));
    }
}
