package org.xai4j.step;

import java.util.Map;
import org.xai4j.data.Batch;
import org.xai4j.loss.LogitLoss;
import org.xai4j.loss.LossValue;
import org.xai4j.model.Backward;
import org.xai4j.model.ModelAdapter;

/**
 * One forward pass in training mode, a loss on the logits, one backward pass of its gradient (inside DL4J's
 * workspaces: {@link ModelAdapter#trainingPass}).
 */
public final class StandardStep implements TrainingStep {
    private final LogitLoss loss;

    public StandardStep(LogitLoss loss) {
        this.loss = loss;
    }

    @Override
    public StepResult compute(ModelAdapter adapter, Batch batch) {
        LossValue[] value = new LossValue[1];
        Backward b = adapter.trainingPass(batch.features(),
                z -> (value[0] = loss.compute(z, batch.labels())).logitGradient());
        return new StepResult(b.parameterGradient(), Map.of(loss.name(), value[0].value()));
    }
}
