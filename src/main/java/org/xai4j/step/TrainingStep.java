package org.xai4j.step;

import org.xai4j.data.Batch;
import org.xai4j.model.ModelAdapter;

/**
 * Computes the parameter gradient of a training objective on one batch. The loop applies the update, so steps
 * (standard, adversarial, attribution-constrained) only differ in how they form the gradient.
 */
public interface TrainingStep {
    StepResult compute(ModelAdapter adapter, Batch batch);
}
