package org.xai4j.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Learning-rate schedule ({@code train.schedule}).
 *
 * @param type     {@code none}, {@code step} (multiply by factor every {@code every} epochs) or {@code plateau}
 *                 (multiply by factor after {@code patience} epochs without improvement of the monitored metric)
 * @param every    epochs between steps (step schedule)
 * @param factor   multiplier in (0, 1)
 * @param patience epochs without improvement before a reduction (plateau schedule)
 */
public record ScheduleOptions(Type type, Integer every, Double factor, Integer patience) {
    /** Schedule kinds. */
    public enum Type {
        @JsonProperty("none") NONE,
        @JsonProperty("step") STEP,
        @JsonProperty("plateau") PLATEAU
    }

    public ScheduleOptions {
        type = type == null ? Type.NONE : type;
        every = every == null ? 10 : every;
        factor = factor == null ? 0.1 : factor;
        patience = patience == null ? 5 : patience;
        if (every < 1) {
            throw new IllegalArgumentException("every: must be >= 1, got " + every);
        }
        if (!(factor > 0 && factor < 1)) {
            throw new IllegalArgumentException("factor: must be in (0, 1), got " + factor);
        }
        if (patience < 1) {
            throw new IllegalArgumentException("patience: must be >= 1, got " + patience);
        }
    }

    public static ScheduleOptions defaults() {
        return new ScheduleOptions(null, null, null, null);
    }
}
