package org.xai4j.tune;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.xai4j.config.ConfigLoader;
import org.xai4j.config.RunConfig;
import org.xai4j.data.DataOptions;
import org.xai4j.data.DataSources;
import org.xai4j.data.SampleSet;
import org.xai4j.model.Classifier;
import org.xai4j.run.Checkpoint;
import org.xai4j.run.RunFolder;
import org.xai4j.train.DivergedException;
import org.xai4j.train.EpochSummary;
import org.xai4j.train.TrainingListener;
import org.xai4j.train.TrainingRun;

/**
 * Trains and scores one trial: the base config with the candidate's values as {@code --set} overrides, trained by
 * the project's own {@link TrainingRun} (so every step kind works: standard, constrained, adversarial, frozen
 * fine-tuning) into {@code <search>/trial-NNN/}, scored by the {@link Objective} on the validation split. A trial
 * that already has its {@code trial.json} is not run again; one without (a killed search's last) is run again from
 * scratch. Failures are recorded, never thrown: the search goes on.
 */
final class TrialRunner {
    private final SearchFolder folder;
    private final SearchSpace space;
    private final TuneOptions options;
    private final Path dataDir;
    private final PrintStream out;
    private final Map<DataOptions, SampleSet> data = new HashMap<>();
    private final Map<DataOptions, Objective> objectives = new HashMap<>();
    private final List<Trial> finished = new ArrayList<>();

    TrialRunner(SearchFolder folder, SearchSpace space, TuneOptions options, Path dataDir, PrintStream out) {
        this.folder = folder;
        this.space = space;
        this.options = options;
        this.dataDir = dataDir;
        this.out = out;
    }

    /** The base config with {@code parameters} applied; a bad value is a config error naming the key. */
    RunConfig config(Map<String, String> parameters) {
        List<String> overrides = new ArrayList<>(folder.overrides());
        overrides.addAll(SearchSpace.overrides(parameters));
        return ConfigLoader.fromYaml(folder.baseYaml(), folder.baseSource(), RunConfig.class, overrides);
    }

    /** The data set of {@code config}, loaded once per distinct data section. */
    synchronized SampleSet data(RunConfig config) {
        return data.computeIfAbsent(config.data(), d -> DataSources.load(d, dataDir));
    }

    /** The objective on {@code config}'s data, checked to be computable there. */
    synchronized Objective objective(RunConfig config) {
        return objectives.computeIfAbsent(config.data(), d -> Objective.on(options.objective(), data(config)));
    }

    /** The trials that ended so far (this call's and, on resume, the recorded ones), in the order they ended. */
    synchronized List<Trial> finished() {
        return List.copyOf(finished);
    }

    /** Runs (or, when recorded, reads) trial {@code number} with the candidate's {@code values}. */
    Trial run(int number, Map<String, Object> values) {
        Path dir = folder.trialDir(number);
        Trial recorded = Trial.read(dir);
        if (recorded != null) {
            out.printf(Locale.ROOT, "trial %d: %s before (objective %.4f), not run again%n", number,
                    recorded.status().label(), recorded.objective());
            return record(recorded);
        }
        Map<String, String> parameters = space.rendered(values);
        out.println("== trial " + number + ": " + String.join(", ", SearchSpace.overrides(parameters)));
        long t0 = System.nanoTime();
        Trial trial;
        try {
            trial = train(number, parameters, t0);
        } catch (DivergedException e) {
            trial = ended(number, Trial.Status.DIVERGED, parameters, t0, e.getMessage());
        } catch (RuntimeException | OutOfMemoryError e) {
            String message = e.getMessage() == null ? e.toString() : e.getMessage();
            trial = ended(number, Trial.Status.FAILED, parameters, t0, message);
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("could not create " + dir + ": " + e.getMessage(), e);
        }
        trial.write(dir);
        out.printf(Locale.ROOT, "trial %d %s: objective %.4f %s(%.1f min)%s%n", number, trial.status().label(),
                trial.objective(), trial.terms().isEmpty() ? "" : trial.terms() + " ", trial.seconds() / 60,
                trial.message().isEmpty() ? "" : " - " + trial.message());
        return record(trial);
    }

    private Trial train(int number, Map<String, String> parameters, long t0) {
        RunConfig config = config(parameters);
        SampleSet set = data(config);
        Objective objective = objective(config);
        MedianPruner pruner = options.prune().enabled() ? new MedianPruner(options.prune(), curves(),
                (model, epoch) -> objective.value(objective.terms(model, epoch.valAuc(), config))) : null;
        String name = Trial.folderName(number);
        // overwrite: a folder without trial.json is a killed search's unfinished trial, trained again from scratch
        TrainingRun run = new TrainingRun(config, folder.dir(), name, null, true, out).withoutTestEvaluation()
                .withListeners(pruner == null ? List.<TrainingListener>of() : List.of(pruner));
        TrainingRun.Outcome outcome = run.execute(set);
        int bestEpoch = outcome.result().state().bestEpoch();
        int epochs = outcome.result().state().epoch();
        List<Double> curve = pruner == null ? List.of() : pruner.curve();
        if (pruner != null && pruner.reason() != null) {
            return new Trial(number, Trial.Status.PRUNED, curve.get(curve.size() - 1), Map.of(), parameters,
                    seconds(t0), epochs, bestEpoch, curve, pruner.reason());
        }
        double valAuc = outcome.result().epochs().stream().filter(e -> e.epoch() == bestEpoch)
                .mapToDouble(EpochSummary::valAuc).findFirst().orElse(Double.NaN);
        Classifier best = Checkpoint.load(outcome.folder().resolve(RunFolder.BEST)).classifier();
        Map<String, Double> terms = objective.terms(best, valAuc, config);
        double value = objective.value(terms);
        if (!Double.isFinite(value)) {
            return new Trial(number, Trial.Status.FAILED, value, terms, parameters, seconds(t0), epochs, bestEpoch,
                    curve, "the objective is undefined on the validation split (" + terms + "; val AUC is undefined "
                    + "when the split lacks a class)");
        }
        return new Trial(number, Trial.Status.DONE, value, terms, parameters, seconds(t0), epochs, bestEpoch, curve,
                "");
    }

    private Trial ended(int number, Trial.Status status, Map<String, String> parameters, long t0, String message) {
        return new Trial(number, status, Double.NaN, Map.of(), parameters, seconds(t0), 0, 0, List.of(), message);
    }

    private synchronized Trial record(Trial trial) {
        finished.add(trial);
        return trial;
    }

    /** The per-epoch curves of the finished trials that have one (done or pruned). */
    private synchronized List<List<Double>> curves() {
        List<List<Double>> out = new ArrayList<>();
        for (Trial t : finished) {
            if (!t.curve().isEmpty()) {
                out.add(t.curve());
            }
        }
        return out;
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }
}
