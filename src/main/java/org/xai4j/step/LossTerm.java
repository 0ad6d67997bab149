package org.xai4j.step;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.data.Batch;
import org.xai4j.model.ModelAdapter;

/**
 * A term added to the classification loss, with its own {@link WeightSchedule} ({@link CompositeStep}): the
 * attribution constraint is one, and {@link LossTerms#register} adds others by name ({@code train.terms}).
 */
public interface LossTerm {
    /** Its loss part's name (metrics CSV column {@code train_<name>}). */
    String name();

    /**
     * The term's value on this batch and its parameter gradient, at the current parameters (the iteration is
     * {@code adapter.graph().getConfiguration().getIterationCount()}), or null when the batch has nothing for it.
     * Must leave the parameters and ND4J's random stream as they were.
     */
    Value evaluate(ModelAdapter adapter, Batch batch);

    /**
     * @param value             the term (a batch mean, before its weight)
     * @param parameterGradient its gradient, flat in the layout of {@code params()}, an owned array; BatchNorm
     *                          running-statistics entries 0 ({@link ModelAdapter#zeroRunningStatistics})
     */
    record Value(double value, INDArray parameterGradient) {
    }
}
