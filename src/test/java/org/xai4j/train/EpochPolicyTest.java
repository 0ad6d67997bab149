package org.xai4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.xai4j.config.ConfigLoader;
import org.xai4j.config.TrainOptions;
import org.xai4j.run.TrainingState;

class EpochPolicyTest {
    private static TrainOptions options(String... overrides) {
        return ConfigLoader.fromDefaults(TrainOptions.class, List.of(overrides));
    }

    private static EpochSummary epoch(int epoch, double valLoss, double valAuc) {
        return new EpochSummary(epoch, Map.of("wbce", 0.5), valLoss, valAuc, 0.1, 1, 1, false);
    }

    @Test
    void anUndefinedValidationAucStillGivesTheRunABestCheckpoint() {
        EpochPolicy p = new EpochPolicy(options("earlyStopping.metric=val_auc"));
        TrainingState s = p.next(TrainingState.start(1.0), epoch(1, 0.5, Double.NaN), 10);
        assertThat(s.bestEpoch()).as("the first epoch, when no epoch was best yet").isEqualTo(1);
        s = p.next(s, epoch(2, 0.4, Double.NaN), 20);
        assertThat(s.bestEpoch()).isEqualTo(1);
        s = p.next(s, epoch(3, 0.4, 0.7), 30);
        assertThat(s.bestEpoch()).isEqualTo(3);
        s = p.next(s, epoch(4, 0.4, Double.NaN), 40);
        assertThat(s.bestEpoch()).isEqualTo(3);
    }

    @Test
    void plateauReducesTheLearningRateAfterPatienceEpochsWithoutImprovement() {
        EpochPolicy p = new EpochPolicy(options("schedule.type=plateau", "schedule.patience=2", "schedule.factor=0.1",
                "earlyStopping.metric=val_loss"));
        TrainingState s = TrainingState.start(1.0);
        s = p.next(s, epoch(1, 0.50, 0.9), 10);
        assertThat(s.bestEpoch()).isEqualTo(1);
        s = p.next(s, epoch(2, 0.60, 0.9), 20);
        assertThat(s.learningRate()).isEqualTo(1.0);
        s = p.next(s, epoch(3, 0.55, 0.9), 30);
        assertThat(s.learningRate()).isCloseTo(0.1, within(1e-15));
        assertThat(s.epochsWithoutImprovement()).isEqualTo(2);
        s = p.next(s, epoch(4, 0.40, 0.9), 40);
        assertThat(s.bestEpoch()).isEqualTo(4);
        assertThat(s.bestMetric()).isEqualTo(0.40);
        assertThat(s.learningRate()).isCloseTo(0.1, within(1e-15));
        assertThat(s.iteration()).isEqualTo(40);
    }

    @Test
    void stepScheduleAndEarlyStoppingOnAuc() {
        EpochPolicy p = new EpochPolicy(options("schedule.type=step", "schedule.every=2", "schedule.factor=0.5",
                "earlyStopping.patience=2", "earlyStopping.minDelta=0.01"));
        TrainingState s = p.next(TrainingState.start(1.0), epoch(1, 0.5, 0.80), 1);
        assertThat(s.learningRate()).isEqualTo(1.0);
        s = p.next(s, epoch(2, 0.5, 0.805), 2);
        assertThat(s.learningRate()).isEqualTo(0.5);
        assertThat(s.bestEpoch()).as("+0.005 is below minDelta").isEqualTo(1);
        assertThat(p.shouldStop(s)).isFalse();
        s = p.next(s, epoch(3, 0.5, 0.70), 3);
        assertThat(p.shouldStop(s)).isTrue();
    }

    @Test
    void withoutValidationEveryEpochIsTheBest() {
        EpochPolicy p = new EpochPolicy(options("earlyStopping.patience=1"));
        TrainingState s = p.next(TrainingState.start(1.0), epoch(1, Double.NaN, Double.NaN), 1);
        s = p.next(s, epoch(2, Double.NaN, Double.NaN), 2);
        assertThat(s.bestEpoch()).isEqualTo(2);
        assertThat(p.shouldStop(s)).isFalse();
    }
}
