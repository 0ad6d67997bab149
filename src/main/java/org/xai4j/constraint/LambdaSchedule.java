package org.xai4j.constraint;

/**
 * The weight of the constraint at a training iteration: a linear warm-up from 0 to {@code lambda} over
 * {@code warmupIterations} updates (Wargnier-Dauchelle et al. leave lambda open; METHODS.md suggests warming up from
 * 0 over the first epochs), then constant.
 *
 * @param lambda           final weight, >= 0
 * @param warmupIterations updates of the warm-up; 0 = none
 */
public record LambdaSchedule(double lambda, long warmupIterations) {
    public LambdaSchedule {
        if (!(lambda >= 0) || Double.isInfinite(lambda)) {
            throw new IllegalArgumentException("lambda: must be >= 0, got " + lambda);
        }
        if (warmupIterations < 0) {
            throw new IllegalArgumentException("warmupEpochs: must be >= 0, got " + warmupIterations + " iterations");
        }
    }

    /** The weight for the update that follows {@code iteration} completed ones (0-based). */
    public double at(long iteration) {
        if (warmupIterations == 0 || iteration >= warmupIterations) {
            return lambda;
        }
        return lambda * iteration / warmupIterations;
    }
}
