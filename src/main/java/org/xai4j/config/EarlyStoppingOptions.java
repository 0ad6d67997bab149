package org.xai4j.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Which validation metric picks the best checkpoint and when training stops early ({@code train.earlyStopping}).
 *
 * @param metric   {@code val_auc} (higher is better, the default) or {@code val_loss} (lower is better)
 * @param patience epochs without improvement before stopping; 0 never stops early
 * @param minDelta smallest change that counts as an improvement
 */
public record EarlyStoppingOptions(Metric metric, Integer patience, Double minDelta) {
    /** Monitored metrics. */
    public enum Metric {
        @JsonProperty("val_auc") VAL_AUC,
        @JsonProperty("val_loss") VAL_LOSS;

        /** True when {@code candidate} is better than {@code best} by more than {@code minDelta}. */
        public boolean improves(double candidate, double best, double minDelta) {
            if (Double.isNaN(candidate)) {
                return false;
            }
            if (Double.isNaN(best)) {
                return true;
            }
            return this == VAL_AUC ? candidate > best + minDelta : candidate < best - minDelta;
        }

        public String column() {
            return this == VAL_AUC ? "val_auc" : "val_loss";
        }
    }

    public EarlyStoppingOptions {
        metric = metric == null ? Metric.VAL_AUC : metric;
        patience = patience == null ? 0 : patience;
        minDelta = minDelta == null ? 0.0 : minDelta;
        if (patience < 0) {
            throw new IllegalArgumentException("patience: must be >= 0, got " + patience);
        }
        if (!(minDelta >= 0)) {
            throw new IllegalArgumentException("minDelta: must be >= 0, got " + minDelta);
        }
    }

    public static EarlyStoppingOptions defaults() {
        return new EarlyStoppingOptions(null, null, null);
    }
}
