package org.xai4j.testing;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.data.Batch;
import org.xai4j.model.Backward;
import org.xai4j.model.ModelAdapter;
import org.xai4j.step.LossTerm;

/** A toy loss term: the batch mean of the sum of squared logits (a logit penalty), in training mode. */
public final class LogitSquares implements LossTerm {
    public static final String NAME = "logit-squares";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Value evaluate(ModelAdapter adapter, Batch batch) {
        double[] value = new double[1];
        int n = batch.size();
        Backward b = adapter.trainingPass(batch.features().castTo(adapter.dataType()), z -> {
            value[0] = z.mul(z).sumNumber().doubleValue() / n;
            return z.mul(2.0 / n);
        });
        INDArray g = b.parameterGradient().gradient().dup();
        adapter.zeroRunningStatistics(g);
        return new Value(value[0], g.reshape(g.length()));
    }
}
