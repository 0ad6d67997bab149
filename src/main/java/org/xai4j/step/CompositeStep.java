package org.xai4j.step;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.data.Batch;
import org.xai4j.loss.LogitLoss;
import org.xai4j.model.ModelAdapter;

/**
 * The classification loss plus weighted terms: {@code L_cls + sum_k w_k(t) T_k}. Each term with a positive weight is
 * computed first (the classification pass's gradient is a view, valid until the next pass), then the classification
 * step, then {@code N w_k(t) dT_k/dtheta} is added to its gradient (the loop's raw-sum convention: the updater divides
 * by the batch size N). The BatchNorm running statistics move as in a standard step. Loss parts: the classification
 * loss, then each term's {@code w_k(t) T_k} under its name (0 when it was skipped).
 */
public final class CompositeStep implements TrainingStep {
    /**
     * @param term     the term
     * @param schedule its weight per iteration
     */
    public record Weighted(LossTerm term, WeightSchedule schedule) {
    }

    private final StandardStep classification;
    private final List<Weighted> terms;

    public CompositeStep(LogitLoss loss, List<Weighted> terms) {
        this.classification = new StandardStep(loss);
        this.terms = List.copyOf(terms);
        if (terms.stream().map(t -> t.term().name()).distinct().count() < terms.size()) {
            throw new IllegalArgumentException("loss terms: two terms have the same name: "
                    + terms.stream().map(t -> t.term().name()).toList());
        }
    }

    @Override
    public StepResult compute(ModelAdapter adapter, Batch batch) {
        long iteration = adapter.graph().getConfiguration().getIterationCount();
        double[] weights = new double[terms.size()];
        LossTerm.Value[] values = new LossTerm.Value[terms.size()];
        for (int k = 0; k < terms.size(); k++) {
            weights[k] = terms.get(k).schedule().at(iteration);
            values[k] = weights[k] > 0 ? terms.get(k).term().evaluate(adapter, batch) : null;
        }
        StepResult cls = classification.compute(adapter, batch);
        INDArray view = cls.gradient().gradient();
        Map<String, Double> parts = new LinkedHashMap<>(cls.lossParts());
        for (int k = 0; k < terms.size(); k++) {
            if (values[k] != null) {
                view.addi(values[k].parameterGradient().muli(weights[k] * batch.size()).reshape(view.shape()));
            }
            parts.put(terms.get(k).term().name(), weights[k] * (values[k] == null ? 0 : values[k].value()));
        }
        return new StepResult(cls.gradient(), parts);
    }
}
