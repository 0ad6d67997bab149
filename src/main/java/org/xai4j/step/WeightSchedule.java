package org.xai4j.step;

/**
 * The weight of a loss term at a training iteration: a linear warm-up from 0 to {@code weight} over
 * {@code warmupIterations} updates, then constant (the constraint's lambda: Wargnier-Dauchelle et al. leave it open;
 * METHODS.md suggests warming up from 0 over the first epochs).
 *
 * @param weight           final weight, >= 0
 * @param warmupIterations updates of the warm-up; 0 = none
 */
public record WeightSchedule(double weight, long warmupIterations) {
    public WeightSchedule {
        if (!(weight >= 0) || Double.isInfinite(weight)) {
            throw new IllegalArgumentException("weight: must be >= 0, got " + weight);
        }
        if (warmupIterations < 0) {
            throw new IllegalArgumentException("warmupEpochs: must be >= 0, got " + warmupIterations + " iterations");
        }
    }

    /** The weight for the update that follows {@code iteration} completed ones (0-based). */
    public double at(long iteration) {
        if (warmupIterations == 0 || iteration >= warmupIterations) {
            return weight;
        }
        return weight * iteration / warmupIterations;
    }
}
