package org.xai4j.train;

import java.util.Iterator;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.data.Batch;
import org.xai4j.loss.LogitLoss;
import org.xai4j.loss.SoftmaxCrossEntropy;
import org.xai4j.metrics.Predictions;
import org.xai4j.model.ModelAdapter;

/** Validation at the end of an epoch: loss and mean ROC AUC over labels, in inference mode. */
public final class Validation {
    private Validation() {
    }

    /**
     * @param loss    validation loss (NaN when not run)
     * @param meanAuc mean over labels of the ROC AUC (NaN when undefined)
     */
    public record Result(double loss, double meanAuc) {
        public static final Result NONE = new Result(Double.NaN, Double.NaN);
    }

    public static Result run(ModelAdapter adapter, Iterator<Batch> batches, LogitLoss loss) {
        Predictions p = Predictor.predict(adapter, batches);
        if (p.size() == 0) {
            return Result.NONE;
        }
        double value = loss.compute(Nd4j.createFromArray(p.logits()), Nd4j.createFromArray(p.labels())).value();
        return new Result(value, p.meanAuc(loss instanceof SoftmaxCrossEntropy));
    }
}
