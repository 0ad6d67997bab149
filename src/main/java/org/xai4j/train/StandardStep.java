package org.xai4j.train;

import java.util.Map;
import org.xai4j.data.Batch;
import org.xai4j.loss.LogitLoss;
import org.xai4j.loss.LossValue;
import org.xai4j.model.Mode;
import org.xai4j.model.ModelAdapter;

/** One forward pass in training mode, a loss on the logits, one backward pass of its gradient. */
public final class StandardStep implements TrainingStep {
    private final LogitLoss loss;

    public StandardStep(LogitLoss loss) {
        this.loss = loss;
    }

    @Override
    public StepResult compute(ModelAdapter adapter, Batch batch) {
        LossValue value = loss.compute(adapter.forward(batch.features(), Mode.TRAINING), batch.labels());
        return new StepResult(adapter.backward(value.logitGradient(), false).parameterGradient(),
                Map.of(loss.name(), value.value()));
    }
}
