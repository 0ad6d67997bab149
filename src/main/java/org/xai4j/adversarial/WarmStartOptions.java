package org.xai4j.adversarial;

/**
 * Clean training before adversarial training ({@code train.adversarial.warmStart}): a clean phase of up to
 * {@code epochs} epochs in the sub-folder {@code warmup/} of the run, then {@code train.epochs} adversarial epochs
 * that continue from it (weights and optimiser state; the epoch count, learning rate and best-checkpoint tracking
 * start afresh, so {@code best.ckpt} of the run is always an adversarially trained model).
 *
 * @param epochs   most clean epochs; 0 (default) switches warm start off
 * @param patience 0 (default): train all {@code epochs} clean epochs and continue from the last; > 0: stop the clean
 *                 phase once the monitored validation metric ({@code train.earlyStopping.metric}) has not improved
 *                 for this many epochs ("until convergence") and continue from its best checkpoint
 */
public record WarmStartOptions(Integer epochs, Integer patience) {
    public WarmStartOptions {
        epochs = epochs == null ? 0 : epochs;
        patience = patience == null ? 0 : patience;
        if (epochs < 0) {
            throw new IllegalArgumentException("epochs: must be >= 0, got " + epochs);
        }
        if (patience < 0) {
            throw new IllegalArgumentException("patience: must be >= 0, got " + patience);
        }
        if (patience > 0 && epochs == 0) {
            throw new IllegalArgumentException("patience: needs epochs > 0 (the most clean epochs), got epochs 0");
        }
    }

    public static WarmStartOptions defaults() {
        return new WarmStartOptions(null, null);
    }

    public boolean enabled() {
        return epochs > 0;
    }
}
