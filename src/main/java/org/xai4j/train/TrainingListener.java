package org.xai4j.train;

import org.xai4j.model.Classifier;
import org.xai4j.run.TrainingState;
import org.xai4j.step.StepResult;

/** Observes a training run (progress printing, metrics CSV, DL4J UI statistics). */
public interface TrainingListener extends AutoCloseable {
    /** Called once before the first epoch, with the state training starts from. */
    default void onStart(Classifier classifier, TrainingState state, int batchesPerEpoch) {
    }

    /** Called after every parameter update. */
    default void onIteration(Classifier classifier, int epoch, int batch, long iteration, StepResult step, int batchSize) {
    }

    /** Called after every epoch's validation and checkpoints. */
    default void onEpoch(Classifier classifier, EpochSummary summary) {
    }

    /**
     * Asked after every epoch's checkpoints: true ends training there, as early stopping would (a hyper-parameter
     * search prunes a hopeless trial this way).
     */
    default boolean stopRequested() {
        return false;
    }

    /** Releases files and servers; called when training ends, also after a failure. */
    @Override
    default void close() {
    }
}
