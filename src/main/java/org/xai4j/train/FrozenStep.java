package org.xai4j.train;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.xai4j.data.Batch;
import org.xai4j.model.ModelAdapter;
import org.xai4j.step.StepResult;
import org.xai4j.step.TrainingStep;

/**
 * A step decorator that sets the gradient entries of frozen layers (weights, biases, BatchNorm gamma/beta and
 * running-statistics deltas) to 0, in place, after the wrapped step; see {@link FrozenGroups}.
 */
public final class FrozenStep implements TrainingStep {
    private final TrainingStep inner;
    private final List<long[]> ranges;

    /** @param ranges {offset, length} ranges of the flattened gradient to zero */
    public FrozenStep(TrainingStep inner, List<long[]> ranges) {
        this.inner = inner;
        this.ranges = ranges.stream().map(long[]::clone).toList();
    }

    @Override
    public StepResult compute(ModelAdapter adapter, Batch batch) {
        StepResult result = inner.compute(adapter, batch);
        INDArray flat = result.gradient().gradient();
        INDArray v = flat.reshape(flat.length());
        for (long[] r : ranges) {
            v.get(NDArrayIndex.interval(r[0], r[0] + r[1])).assign(0);
        }
        return result;
    }
}
