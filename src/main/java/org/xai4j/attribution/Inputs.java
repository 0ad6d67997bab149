package org.xai4j.attribution;

import java.util.Arrays;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.model.ModelAdapter;

/** Input checks and copies shared by the methods. */
final class Inputs {
    private Inputs() {
    }

    /** An owned copy of a N x C x H x W batch in the model's data type. */
    static INDArray owned(INDArray inputs, ModelAdapter adapter) {
        if (inputs == null || inputs.rank() != 4) {
            throw new IllegalArgumentException("inputs: expected N x C x H x W, got "
                    + (inputs == null ? "null" : Arrays.toString(inputs.shape())));
        }
        return inputs.dataType() == adapter.dataType() ? inputs.dup() : inputs.castTo(adapter.dataType());
    }
}
