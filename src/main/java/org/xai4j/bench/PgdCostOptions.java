package org.xai4j.bench;

import java.util.List;

/**
 * What {@code xai4j bench pgd} measures.
 *
 * @param model           architecture
 * @param widthMultiplier width knob
 * @param blocks          blocks per stage override (null = reference depth)
 * @param size            image side
 * @param batch           batch size
 * @param steps           the PGD step counts k to time (each against the same standard step)
 * @param norm            {@code l2} or {@code linf}
 * @param keepBest        PGD keeps each example's worst iterate (one more forward pass per step)
 * @param warmup          untimed repetitions
 * @param repetitions     timed repetitions; each times the standard step and every PGD-k step once, interleaved
 */
public record PgdCostOptions(String model, double widthMultiplier, List<Integer> blocks, int size, int batch,
                             List<Integer> steps, String norm, boolean keepBest, int warmup, int repetitions) {
    public PgdCostOptions {
        steps = List.copyOf(steps);
        if (steps.isEmpty() || steps.stream().anyMatch(k -> k < 1)) {
            throw new IllegalArgumentException("--steps: give one or more step counts >= 1, got " + steps);
        }
        if (size < 16 || batch < 1 || warmup < 0 || repetitions < 1) {
            throw new IllegalArgumentException("bench pgd: size >= 16, batch >= 1, warmup >= 0 and repetitions >= 1 "
                    + "are required");
        }
        if (!norm.equals("l2") && !norm.equals("linf")) {
            throw new IllegalArgumentException("--norm: unknown '" + norm + "' (allowed: l2, linf)");
        }
    }
}
