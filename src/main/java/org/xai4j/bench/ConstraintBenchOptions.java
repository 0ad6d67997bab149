package org.xai4j.bench;

import java.util.List;
import org.xai4j.constraint.ConstraintOptions;

/**
 * What {@code xai4j bench constraint} measures.
 *
 * @param model           architecture
 * @param widthMultiplier width knob of the model
 * @param blocks          optional blocks per stage override (null = reference depth)
 * @param size            image side (square)
 * @param batch           batch size
 * @param healthy         share of healthy images in the batch, in (0, 1]
 * @param attributions    training attributions to time (grad, ixg, eg, ig, combination)
 * @param differences     difference schemes to time
 * @param warmup          untimed rounds first
 * @param iterations      timed rounds; every round times the standard step and each variant once, interleaved
 */
public record ConstraintBenchOptions(String model, double widthMultiplier, List<Integer> blocks, int size, int batch,
                                     double healthy, List<String> attributions,
                                     List<ConstraintOptions.Difference> differences, int warmup, int iterations) {
    public ConstraintBenchOptions {
        attributions = List.copyOf(attributions);
        differences = List.copyOf(differences);
        if (attributions.isEmpty() || differences.isEmpty()) {
            throw new IllegalArgumentException("--attributions and --differences: name at least one");
        }
        if (!(healthy > 0 && healthy <= 1)) {
            throw new IllegalArgumentException("--healthy: must be in (0, 1], got " + healthy);
        }
        if (size < 16 || batch < 2 || warmup < 0 || iterations < 1) {
            throw new IllegalArgumentException("bench constraint: size >= 16, batch >= 2, warmup >= 0 and "
                    + "iterations >= 1 are required");
        }
    }
}
