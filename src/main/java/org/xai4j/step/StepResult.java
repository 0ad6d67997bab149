package org.xai4j.step;

import java.util.Map;
import org.deeplearning4j.nn.gradient.Gradient;

/**
 * What one training step computed: the parameter gradient (sum over the batch, DL4J's convention) and the
 * loss parts averaged over the batch.
 *
 * @param gradient  the parameter gradient, a view of the graph's gradient array, valid until the next pass
 * @param lossParts loss name -> batch mean, in a stable order (e.g. {@code wbce}, later {@code constraint})
 */
public record StepResult(Gradient gradient, Map<String, Double> lossParts) {
    public StepResult {
        lossParts = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(lossParts));
    }

    /** Sum of all loss parts. */
    public double total() {
        return lossParts.values().stream().mapToDouble(Double::doubleValue).sum();
    }
}
