package org.xai4j.tune;

/**
 * Median pruning (the rule of Google Vizier and Optuna's MedianPruner): from epoch {@code afterEpochs} on, a trial
 * whose objective at that epoch is below the median of the finished trials' objectives at the same epoch stops
 * there and is recorded as {@code pruned}.
 *
 * @param afterEpochs first epoch a trial may be pruned at; 0 turns pruning off (the default)
 * @param minTrials   finished trials with a value at that epoch needed before the median is trusted (default 2)
 */
public record PruneOptions(Integer afterEpochs, Integer minTrials) {
    public PruneOptions {
        afterEpochs = afterEpochs == null ? 0 : afterEpochs;
        minTrials = minTrials == null ? 2 : minTrials;
        if (afterEpochs < 0) {
            throw new IllegalArgumentException("afterEpochs: must be >= 0 (0 turns pruning off), got " + afterEpochs);
        }
        if (minTrials < 1) {
            throw new IllegalArgumentException("minTrials: must be >= 1, got " + minTrials);
        }
    }

    public static PruneOptions defaults() {
        return new PruneOptions(null, null);
    }

    public boolean enabled() {
        return afterEpochs > 0;
    }
}
