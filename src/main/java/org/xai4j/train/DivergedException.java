package org.xai4j.train;

/**
 * A training run whose loss diverged ({@link Divergence}): expected bad input (a setting to change), so the CLI
 * reports it in one line with exit 2, and a hyper-parameter search records the trial as diverged and goes on.
 */
public final class DivergedException extends IllegalArgumentException {
    DivergedException(String message) {
        super(message);
    }
}
