package org.xai4j.train;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.xai4j.config.TrainOptions;
import org.xai4j.data.Batch;
import org.xai4j.loss.LogitLoss;
import org.xai4j.model.Classifier;
import org.xai4j.model.InspectableGraph;
import org.xai4j.model.ModelAdapter;
import org.xai4j.run.Checkpoint;
import org.xai4j.run.CheckpointChoice;
import org.xai4j.run.RunFolder;
import org.xai4j.run.TrainingState;
import org.xai4j.step.StepResult;
import org.xai4j.step.TrainingStep;

/**
 * The training loop: per batch, a {@link TrainingStep} forms the parameter gradient and the loop applies the
 * DL4J updater exactly as {@code fit()} would (DESIGN.md decision 2); per epoch, it validates, writes the
 * last and best checkpoints, steps the learning-rate schedule and checks early stopping.
 */
public final class Trainer {

    private final Classifier classifier;
    private final TrainOptions options;
    private final TrainingStep step;
    private final LogitLoss validationLoss;
    private final Path runDir;
    private final List<TrainingListener> listeners;
    private final Divergence divergence;

    /**
     * @param runDir    folder for {@value RunFolder#BEST}, {@value RunFolder#LAST} (and {@code epoch-N.ckpt} with
     *                  {@link TrainOptions#keepEpochCheckpoints()}); null writes no checkpoints
     * @param listeners observers; closed when {@link #fit} returns or fails
     */
    public Trainer(Classifier classifier, TrainOptions options, TrainingStep step, LogitLoss validationLoss,
                   Path runDir, List<TrainingListener> listeners) {
        this.classifier = classifier;
        this.options = options;
        this.step = step;
        this.validationLoss = validationLoss;
        this.runDir = runDir;
        this.listeners = List.copyOf(listeners);
        this.divergence = new Divergence(options);
    }

    /** Trains from {@code start} (a fresh state or one read from a checkpoint) up to {@code options.epochs()}. */
    public TrainingResult fit(TrainingData data, TrainingState start) {
        InspectableGraph graph = classifier.graph();
        ModelAdapter adapter = new ModelAdapter(classifier);
        graph.setLearningRate(start.learningRate());
        // a restored configuration does not keep DL4J's counters: set them from the state (lr schedules and the
        // seeds of adversarial steps read the iteration count), so a resumed run continues as the uninterrupted one
        graph.getConfiguration().setIterationCount((int) start.iteration());
        graph.getConfiguration().setEpochCount(start.epoch());
        TrainingState state = start;
        List<EpochSummary> epochs = new ArrayList<>();
        EpochPolicy policy = new EpochPolicy(options);
        try {
            for (TrainingListener l : listeners) {
                l.onStart(classifier, state, data.batchesPerEpoch());
            }
            for (int epoch = state.epoch() + 1; epoch <= options.epochs(); epoch++) {
                EpochSummary summary = trainEpoch(adapter, data, epoch, state);
                state = afterEpoch(state, summary, policy);
                summary = new EpochSummary(summary.epoch(), summary.trainLoss(), summary.valLoss(), summary.valAuc(),
                        summary.learningRate(), summary.seconds(), summary.imagesPerSecond(), state.bestEpoch() == epoch);
                epochs.add(summary);
                // the epoch's metrics row first, then its checkpoints: a kill in between leaves last.ckpt one epoch
                // behind the row, which resuming drops and recomputes; the other order would lose the row
                for (TrainingListener l : listeners) {
                    l.onEpoch(classifier, summary);
                }
                save(state, epoch);
                if (policy.shouldStop(state) || listeners.stream().anyMatch(TrainingListener::stopRequested)) {
                    break;
                }
            }
        } finally {
            for (TrainingListener l : listeners) {
                l.close();
            }
        }
        return new TrainingResult(state, epochs, runDir == null ? null : runDir.resolve(RunFolder.BEST),
                runDir == null ? null : runDir.resolve(RunFolder.LAST));
    }

    private EpochSummary trainEpoch(ModelAdapter adapter, TrainingData data, int epoch, TrainingState state) {
        InspectableGraph graph = classifier.graph();
        long iteration = state.iteration();
        Map<String, Double> sums = new LinkedHashMap<>();
        int batches = 0;
        long images = 0;
        long t0 = System.nanoTime();
        Iterator<Batch> it = data.trainEpoch().apply(epoch);
        while (it.hasNext()) {
            Batch batch = it.next();
            StepResult result = step.compute(adapter, batch);
            divergence.check(result, epoch, batches + 1, iteration + 1);
            applyUpdate(graph, result.gradient(), iteration, epoch, batch.size());
            iteration++;
            graph.getConfiguration().setIterationCount((int) iteration);
            graph.setScore(result.total());
            result.lossParts().forEach((k, v) -> sums.merge(k, v, Double::sum));
            batches++;
            images += batch.size();
            for (TrainingListener l : listeners) {
                l.onIteration(classifier, epoch, batches, iteration, result, batch.size());
            }
        }
        graph.getConfiguration().setEpochCount(epoch);
        double seconds = (System.nanoTime() - t0) / 1e9;
        Map<String, Double> means = new LinkedHashMap<>();
        final int n = Math.max(batches, 1);
        sums.forEach((k, v) -> means.put(k, v / n));
        Validation.Result val = data.validation() == null ? Validation.Result.NONE
                : Validation.run(adapter, data.validation().get(), validationLoss);
        return new EpochSummary(epoch, means, val.loss(), val.meanAuc(), state.learningRate(), seconds,
                images / Math.max(seconds, 1e-9), false);
    }

    /** The update of {@code fit()}: the updater turns the raw gradient into a step, subtracted from the parameters. */
    public static void applyUpdate(InspectableGraph graph, Gradient gradient, long iteration, int epoch, int batchSize) {
        graph.getUpdater().update(gradient, (int) iteration, epoch, batchSize, LayerWorkspaceMgr.noWorkspaces());
        graph.params().subi(gradient.gradient());
    }

    private TrainingState afterEpoch(TrainingState state, EpochSummary summary, EpochPolicy policy) {
        TrainingState next = policy.next(state, summary, classifier.graph().getConfiguration().getIterationCount());
        if (next.learningRate() != state.learningRate()) {
            classifier.graph().setLearningRate(next.learningRate());
        }
        return next;
    }

    /** Writes the epoch's checkpoints: best (when it improved) and per-epoch ones before last, the resume point. */
    private void save(TrainingState state, int epoch) {
        if (runDir == null) {
            return;
        }
        Checkpoint checkpoint = new Checkpoint(classifier, state);
        if (state.bestEpoch() == epoch) {
            checkpoint.save(runDir.resolve(RunFolder.BEST));
        }
        if (options.keepEpochCheckpoints()) {
            checkpoint.save(runDir.resolve(CheckpointChoice.epochFile(epoch)));
        }
        checkpoint.save(runDir.resolve(RunFolder.LAST));
    }
}
