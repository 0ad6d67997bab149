package org.xai4j.train;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.deeplearning4j.core.storage.StatsStorageRouter;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.ui.model.stats.StatsListener;
import org.deeplearning4j.ui.model.stats.impl.DefaultStatsInitializationConfiguration;
import org.deeplearning4j.ui.model.stats.impl.DefaultStatsUpdateConfiguration;
import org.deeplearning4j.ui.model.storage.FileStatsStorage;
import org.xai4j.model.Classifier;
import org.xai4j.run.TrainingState;
import org.xai4j.step.StepResult;

/**
 * Records DL4J UI statistics (score, parameter and update histograms, learning rates) into a
 * {@link FileStatsStorage} in the run folder, which {@code xai4j ui --run <run>} serves. Bridges our loop
 * to DL4J's {@link StatsListener}, which expects to be called by {@code fit()}.
 *
 * <p>The run's session shows the total loss as its score. When a step reports more than one loss part (a
 * constrained run: classification and constraint), each part is recorded as a score-only session of its own,
 * {@code <session>-<part>} (see {@link #partSession}), which the UI's session selector ({@code /train/multisession})
 * lists next to the run: the UI charts one score per session, so this is how it charts the parts separately.
 */
public final class UiStatsListener implements TrainingListener {
    /** File name of the stats storage inside a run folder. */
    public static final String FILE = "ui-stats.dl4j";

    private final FileStatsStorage storage;
    private final StatsListener listener;
    private final int frequency;
    private final Map<String, StatsListener> parts = new LinkedHashMap<>();
    private int lastEpoch;

    /**
     * @param file      the run folder's statistics file; when it exists but cannot be read (a kill while DL4J wrote
     *                  it: its MapDB file is not written atomically) it is kept beside as {@code <file>.unreadable}
     *                  (numbered when that exists) and the statistics start afresh, with a warning on {@code warnings}
     */
    public UiStatsListener(Path file, int frequency, PrintStream warnings) {
        this.storage = openOrSetAside(file, warnings);
        this.listener = new StatsListener((StatsStorageRouter) storage, frequency);
        this.frequency = frequency;
    }

    private static FileStatsStorage openOrSetAside(Path file, PrintStream warnings) {
        try {
            return new FileStatsStorage(file.toFile());
        } catch (RuntimeException e) {
            if (!Files.isRegularFile(file)) {
                throw e;
            }
            Path aside = file.resolveSibling(file.getFileName() + ".unreadable");
            for (int i = 2; Files.exists(aside); i++) {
                aside = file.resolveSibling(file.getFileName() + ".unreadable-" + i);
            }
            try {
                Files.move(file, aside);
            } catch (IOException io) {
                throw new UncheckedIOException("train.ui: cannot set aside the unreadable " + file, io);
            }
            warnings.println("warning: train.ui: " + file + " could not be read (" + e.getMessage() + "); kept as "
                    + aside.getFileName() + ", the UI statistics start afresh from this epoch");
            return new FileStatsStorage(file.toFile());
        }
    }

    /** The UI session id under which a loss part of the run's session {@code session} is recorded. */
    public static String partSession(String session, String part) {
        return session + "-" + part;
    }

    /** The run's own UI session id. */
    public String session() {
        return listener.getSessionID();
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
        ComputationGraph graph = classifier.graph();
        listener.iterationDone(graph, (int) iteration, epoch - 1);
        if (step.lossParts().size() > 1) {
            double total = graph.score();
            step.lossParts().forEach((part, value) -> {
                graph.setScore(value);
                parts.computeIfAbsent(part, this::scoreOnly).iterationDone(graph, (int) iteration, epoch - 1);
            });
            graph.setScore(total);
        }
    }

    /** A listener recording only the score (no histograms, no system data) into its own session. */
    private StatsListener scoreOnly(String part) {
        DefaultStatsUpdateConfiguration update = new DefaultStatsUpdateConfiguration.Builder()
                .reportingFrequency(frequency).collectPerformanceStats(false).collectMemoryStats(false)
                .collectGarbageCollectionStats(false).collectLearningRates(false).collectHistogramsParameters(false)
                .collectHistogramsGradients(false).collectHistogramsUpdates(false).collectHistogramsActivations(false)
                .collectMeanParameters(false).collectMeanGradients(false).collectMeanUpdates(false)
                .collectMeanActivations(false).collectStdevParameters(false).collectStdevGradients(false)
                .collectStdevUpdates(false).collectStdevActivations(false).collectMeanMagnitudesParameters(false)
                .collectMeanMagnitudesGradients(false).collectMeanMagnitudesUpdates(false)
                .collectMeanMagnitudesActivations(false).build();
        return new StatsListener((StatsStorageRouter) storage, new DefaultStatsInitializationConfiguration(false, false,
                true), update, partSession(session(), part), listener.getWorkerID());
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
