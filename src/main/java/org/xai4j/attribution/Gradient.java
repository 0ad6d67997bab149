package org.xai4j.attribution;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.model.Mode;
import org.xai4j.model.ModelAdapter;
import org.xai4j.model.Target;

/** Gradient (saliency) of the target with respect to the input (Simonyan et al., 2014). */
public final class Gradient implements Attribution {
    private final ModelAdapter adapter;

    public Gradient(ModelAdapter adapter) {
        this.adapter = adapter;
    }

    @Override
    public String name() {
        return "grad";
    }

    @Override
    public INDArray attribute(INDArray inputs, Target target) {
        return adapter.inputGradient(inputs, target, Mode.INFERENCE);
    }
}
