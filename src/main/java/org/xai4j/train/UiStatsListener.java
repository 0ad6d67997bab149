package org.xai4j.train;

import java.nio.file.Path;
import org.deeplearning4j.core.storage.StatsStorageRouter;
import org.deeplearning4j.ui.model.stats.StatsListener;
import org.deeplearning4j.ui.model.storage.FileStatsStorage;
import org.xai4j.model.Classifier;

/**
 * Records DL4J UI statistics (score, parameter and update histograms, learning rates) into a
 * {@link FileStatsStorage} in the run folder, which {@code xai4j ui --run <run>} serves. Bridges our loop
 * to DL4J's {@link StatsListener}, which expects to be called by {@code fit()}.
 */
public final class UiStatsListener implements TrainingListener {
    /** File name of the stats storage inside a run folder. */
    public static final String FILE = "ui-stats.dl4j";

    private final FileStatsStorage storage;
    private final StatsListener listener;
    private int lastEpoch;

    public UiStatsListener(Path file, int frequency) {
        this.storage = new FileStatsStorage(file.toFile());
        this.listener = new StatsListener((StatsStorageRouter) storage, frequency);
    }

    @Override
    public void onStart(Classifier classifier, TrainingState state, int batchesPerEpoch) {
        lastEpoch = state.epoch();
        listener.onEpochStart(classifier.graph());
    }

    @Override
    public void onIteration(Classifier classifier, int epoch, int batch, long iteration, StepResult step, int batchSize) {
        if (epoch != lastEpoch && batch == 1 && lastEpoch > 0) {
            listener.onEpochStart(classifier.graph());
        }
        lastEpoch = epoch;
        listener.iterationDone(classifier.graph(), (int) iteration, epoch - 1);
    }

    @Override
    public void onEpoch(Classifier classifier, EpochSummary summary) {
        listener.onEpochEnd(classifier.graph());
    }

    @Override
    public void close() {
        storage.close();
    }
}
