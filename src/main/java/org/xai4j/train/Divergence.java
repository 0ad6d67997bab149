package org.xai4j.train;

import java.util.Locale;
import java.util.Map;
import org.xai4j.config.TrainOptions;
import org.xai4j.step.StepResult;

/**
 * Stops a run whose loss diverged, before the update is applied (so {@code last.ckpt} keeps the last good epoch):
 * a loss part that is not finite, or a total above {@link TrainOptions#divergenceFactor()} times the run's first
 * batch loss. The message names the epoch, batch and loss part and the likely causes for this configuration.
 */
final class Divergence {
    private final TrainOptions options;
    private double first = Double.NaN;

    Divergence(TrainOptions options) {
        this.options = options;
    }

    /** @throws DivergedException when {@code result}'s loss diverged */
    void check(StepResult result, int epoch, int batch, long iteration) {
        for (Map.Entry<String, Double> part : result.lossParts().entrySet()) {
            if (!Double.isFinite(part.getValue())) {
                throw diverged(epoch, batch, iteration, "loss part '" + part.getKey() + "' is " + part.getValue());
            }
        }
        double total = result.total();
        if (Double.isNaN(first)) {
            first = Math.abs(total);
            return;
        }
        if (first > 0 && total > options.divergenceFactor() * first) {
            throw diverged(epoch, batch, iteration, String.format(Locale.ROOT, "the loss is %.4g, more than "
                    + "train.divergenceFactor (%.4g) times the first batch's %.4g", total, options.divergenceFactor(),
                    first));
        }
    }

    private DivergedException diverged(int epoch, int batch, long iteration, String what) {
        StringBuilder causes = new StringBuilder(String.format(Locale.ROOT, "a learning rate too high for this "
                + "model and batch size (train.lr %.3g, optimizer %s)", options.lr(),
                options.optimizer().name().toLowerCase(Locale.ROOT)));
        if (options.constraint().enabled()) {
            causes.append(String.format(Locale.ROOT, "; a constraint weight too strong for the attribution scale "
                    + "(train.constraint.lambda %.3g, scale %.3g)", options.constraint().lambda(),
                    options.constraint().scale()));
        }
        if (options.adversarial().enabled()) {
            causes.append("; an adversarial budget too large for the inputs (train.adversarial.attack)");
        }
        causes.append("; images holding NaN or values far outside the range the model was built for "
                + "(data.transforms.normalisation)");
        return new DivergedException(String.format(Locale.ROOT, "training diverged at epoch %d, batch %d "
                + "(iteration %d): %s. Likely causes: %s. The run folder keeps the last completed epoch (last.ckpt).",
                epoch, batch, iteration, what, causes));
    }
}
