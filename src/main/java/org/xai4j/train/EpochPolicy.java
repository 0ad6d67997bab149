package org.xai4j.train;

import org.xai4j.config.EarlyStoppingOptions;
import org.xai4j.config.ScheduleOptions;
import org.xai4j.config.TrainOptions;
import org.xai4j.run.TrainingState;

/**
 * What happens after an epoch, as a pure function of the state and the epoch's results: whether the monitored
 * validation metric improved (a new best checkpoint), the learning rate of the next epoch (step or
 * reduce-on-plateau schedule) and whether early stopping ends training.
 */
public final class EpochPolicy {
    private final ScheduleOptions schedule;
    private final EarlyStoppingOptions stopping;

    public EpochPolicy(TrainOptions options) {
        this.schedule = options.schedule();
        this.stopping = options.earlyStopping();
    }

    /**
     * The state after {@code summary}'s epoch. Without validation (NaN validation loss) every epoch counts as
     * an improvement, so the best checkpoint is the last one. A monitored metric that is undefined (val AUC when the
     * validation split lacks a class) is never an improvement, except while no epoch has been best yet, so that a
     * run always has a best checkpoint.
     *
     * @param iteration parameter updates done so far
     */
    public TrainingState next(TrainingState state, EpochSummary summary, long iteration) {
        double candidate = stopping.metric() == EarlyStoppingOptions.Metric.VAL_AUC ? summary.valAuc() : summary.valLoss();
        boolean improved = Double.isNaN(summary.valLoss()) || state.bestEpoch() == 0
                || stopping.metric().improves(candidate, state.bestMetric(), stopping.minDelta());
        int epoch = summary.epoch();
        int sinceChange = improved ? 0 : state.epochsSinceLrChange() + 1;
        double lr = state.learningRate();
        if (schedule.type() == ScheduleOptions.Type.STEP && epoch % schedule.every() == 0) {
            lr *= schedule.factor();
        } else if (schedule.type() == ScheduleOptions.Type.PLATEAU && sinceChange >= schedule.patience()) {
            lr *= schedule.factor();
            sinceChange = 0;
        }
        return new TrainingState(epoch, iteration, lr, improved ? candidate : state.bestMetric(),
                improved ? epoch : state.bestEpoch(), improved ? 0 : state.epochsWithoutImprovement() + 1, sinceChange);
    }

    /** True when early stopping is on and its patience has run out. */
    public boolean shouldStop(TrainingState state) {
        return stopping.patience() > 0 && state.epochsWithoutImprovement() >= stopping.patience();
    }
}
