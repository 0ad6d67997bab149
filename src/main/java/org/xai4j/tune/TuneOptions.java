package org.xai4j.tune;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A search space file ({@code xai4j tune --space FILE}): which config keys to search over, how, for how long and
 * towards what.
 * <pre>
 * search: random            # random (Arbiter RandomSearchGenerator) or grid (GridSearchCandidateGenerator)
 * trials: 20
 * budget: 2h                # no new trial starts after this (30m, 1h30m, 45s); the running one finishes
 * objective: {weights: {val_auc: 1, val_dice: 1}, attribution: ixg, finding: ms}
 * prune: {afterEpochs: 2}
 * parameters:
 *   train.constraint.lambda: log(1e-3, 1)
 *   train.lr: log(1e-4, 1e-2)
 *   train.batchSize: int(16, 64)
 *   train.optimizer: [adam, sgd]
 * </pre>
 *
 * @param search     random or grid
 * @param gridPoints values of each continuous range in a grid search (default 3)
 * @param seed       seed of the candidate generator (default 1); the trials train with the base config's seed
 * @param trials     number of trials (default 20); a grid search stops earlier when its grid is exhausted
 * @param budget     wall-time budget of one {@code tune} call, e.g. {@code 2h}; null for none
 * @param objective  what a trial is scored by
 * @param prune      early stopping of hopeless trials
 * @param parameters config key to range, see {@link SearchParameter}
 */
public record TuneOptions(Search search, Integer gridPoints, Long seed, Integer trials, String budget,
                          ObjectiveOptions objective, PruneOptions prune, Map<String, JsonNode> parameters) {
    /** Candidate generators. */
    public enum Search {
        RANDOM, GRID
    }

    public TuneOptions {
        search = search == null ? Search.RANDOM : search;
        gridPoints = gridPoints == null ? 3 : gridPoints;
        seed = seed == null ? 1L : seed;
        trials = trials == null ? 20 : trials;
        objective = objective == null ? ObjectiveOptions.defaults() : objective;
        prune = prune == null ? PruneOptions.defaults() : prune;
        parameters = parameters == null ? Map.of() : new LinkedHashMap<>(parameters);
        if (gridPoints < 2) {
            throw new IllegalArgumentException("gridPoints: must be >= 2, got " + gridPoints);
        }
        if (trials < 1) {
            throw new IllegalArgumentException("trials: must be >= 1, got " + trials);
        }
        if (budget != null) {
            budgetDuration(budget);
        }
    }

    /** The budget as a duration (null without one). */
    public Duration budgetDuration() {
        return budget == null ? null : budgetDuration(budget);
    }

    /** This file's settings with the command line's {@code --trials} and {@code --budget}, when given. */
    public TuneOptions with(Integer trials, String budget) {
        return new TuneOptions(search, gridPoints, seed, trials == null ? this.trials : trials,
                budget == null ? this.budget : budget, objective, prune, parameters);
    }

    /** Parses {@code 2h}, {@code 90m}, {@code 1h30m}, {@code 45s}. */
    static Duration budgetDuration(String text) {
        Duration d;
        try {
            d = Duration.parse("PT" + text.trim().toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("budget: expected a duration such as 2h, 90m, 1h30m or 45s, got '"
                    + text + "'");
        }
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("budget: must be > 0, got '" + text + "'");
        }
        return d;
    }
}
