package org.xai4j.step;

import java.util.Map;

/**
 * One entry of {@code train.terms}: a registered {@link LossTerm} added to the classification loss.
 *
 * @param name         the term's registered name ({@link LossTerms}); required
 * @param weight       its weight, >= 0; default 1.0
 * @param warmupEpochs the weight grows linearly from 0 over this many epochs (fractions allowed); default 0
 * @param options      the term's own settings, checked by its factory; default none
 */
public record LossTermOptions(String name, Double weight, Double warmupEpochs, Map<String, Object> options) {
    public LossTermOptions {
        name = LossTerms.requireKnown(name);
        weight = weight == null ? 1.0 : weight;
        warmupEpochs = warmupEpochs == null ? 0.0 : warmupEpochs;
        options = options == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(options));
        if (!(weight >= 0) || Double.isInfinite(weight)) {
            throw new IllegalArgumentException("weight: must be >= 0, got " + weight);
        }
        if (!(warmupEpochs >= 0) || Double.isInfinite(warmupEpochs)) {
            throw new IllegalArgumentException("warmupEpochs: must be >= 0, got " + warmupEpochs);
        }
    }

    /** The weight schedule with {@code batchesPerEpoch} updates per epoch. */
    public WeightSchedule schedule(int batchesPerEpoch) {
        return new WeightSchedule(weight, Math.round(warmupEpochs * batchesPerEpoch));
    }
}
