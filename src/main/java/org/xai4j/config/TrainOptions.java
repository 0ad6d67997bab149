package org.xai4j.config;

import java.util.List;
import org.xai4j.adversarial.AdversarialOptions;
import org.xai4j.constraint.ConstraintOptions;
import org.xai4j.loss.BetaMode;
import org.xai4j.loss.Losses;
import org.xai4j.step.LossTermOptions;
import org.xai4j.step.LossTerms;

/**
 * The {@code train:} section of a config.
 *
 * @param epochs        number of epochs
 * @param batchSize     mini-batch size
 * @param optimizer     {@code adam} or {@code sgd} (SGD with Nesterov momentum)
 * @param lr            initial learning rate
 * @param momentum      momentum of SGD
 * @param weightDecay   decoupled weight decay applied to weights (not biases, not BatchNorm statistics)
 * @param loss          {@code weighted-bce} (default), {@code bce}, {@code softmax-ce} or another name registered
 *                      with {@link Losses}
 * @param beta          {@code batch} or {@code dataset}: where weighted BCE takes its positive weight from
 * @param schedule      learning-rate schedule
 * @param earlyStopping monitored metric and patience
 * @param augment       apply {@code data.transforms} augmentations to training batches
 * @param ui            record DL4J UI statistics in the run folder
 * @param statsEvery    iterations between two DL4J UI records
 * @param adversarial   adversarial training (mode, attack, warm start); default off
 * @param finetune      start from a checkpoint's weights and freeze layer groups; default off
 * @param constraint    the gradient-attribution constraint for healthy images (off unless {@code enabled})
 * @param keepEpochCheckpoints also keep every epoch's checkpoint as {@code epoch-N.ckpt} (default false: only
 *                      {@code best.ckpt} and {@code last.ckpt}); commands read them with {@code --checkpoint epoch-N}
 * @param divergenceFactor training stops as diverged when a batch's loss is not finite or exceeds this multiple of
 *                      the run's first batch loss (default 1000)
 * @param terms         extra loss terms registered with {@link LossTerms}, each with its weight and warm-up
 *                      (default none)
 */
public record TrainOptions(Integer epochs, Integer batchSize, OptimizerKind optimizer, Double lr, Double momentum,
                           Double weightDecay, String loss, BetaMode beta, ScheduleOptions schedule,
                           EarlyStoppingOptions earlyStopping, Boolean augment, Boolean ui, Integer statsEvery,
                           AdversarialOptions adversarial, FinetuneOptions finetune,
                           ConstraintOptions constraint, Boolean keepEpochCheckpoints,
                           Double divergenceFactor, List<LossTermOptions> terms) {
    public TrainOptions {
        epochs = epochs == null ? 10 : epochs;
        batchSize = batchSize == null ? 32 : batchSize;
        optimizer = optimizer == null ? OptimizerKind.ADAM : optimizer;
        lr = lr == null ? 1e-3 : lr;
        momentum = momentum == null ? 0.9 : momentum;
        weightDecay = weightDecay == null ? 0.0 : weightDecay;
        loss = Losses.requireKnown(loss == null ? "weighted-bce" : loss.trim().toLowerCase(java.util.Locale.ROOT));
        beta = beta == null ? BetaMode.BATCH : beta;
        schedule = schedule == null ? ScheduleOptions.defaults() : schedule;
        earlyStopping = earlyStopping == null ? EarlyStoppingOptions.defaults() : earlyStopping;
        augment = augment == null ? Boolean.TRUE : augment;
        ui = ui == null ? Boolean.TRUE : ui;
        statsEvery = statsEvery == null ? 10 : statsEvery;
        adversarial = adversarial == null ? AdversarialOptions.defaults() : adversarial;
        finetune = finetune == null ? FinetuneOptions.defaults() : finetune;
        constraint = constraint == null ? ConstraintOptions.defaults() : constraint;
        keepEpochCheckpoints = keepEpochCheckpoints == null ? Boolean.FALSE : keepEpochCheckpoints;
        divergenceFactor = divergenceFactor == null ? 1000.0 : divergenceFactor;
        terms = terms == null ? List.of() : List.copyOf(terms);
        if (!(divergenceFactor > 1)) {
            throw new IllegalArgumentException("divergenceFactor: must be > 1, got " + divergenceFactor);
        }
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs: must be >= 1, got " + epochs);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize: must be >= 1, got " + batchSize);
        }
        if (!(lr > 0 && lr < 10)) {
            throw new IllegalArgumentException("lr: must be in (0, 10), got " + lr);
        }
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("momentum: must be in [0, 1), got " + momentum);
        }
        if (!(weightDecay >= 0 && weightDecay < 1)) {
            throw new IllegalArgumentException("weightDecay: must be in [0, 1), got " + weightDecay);
        }
        if (statsEvery < 1) {
            throw new IllegalArgumentException("statsEvery: must be >= 1, got " + statsEvery);
        }
    }

    public static TrainOptions defaults() {
        return new TrainOptions(null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null);
    }
}
