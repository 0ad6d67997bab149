package org.xai4j.experiments;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.xai4j.config.ConfigLoader;
import org.xai4j.config.RunConfig;
import org.xai4j.data.DataSources;
import org.xai4j.data.SampleSet;
import org.xai4j.report.CsvTable;
import org.xai4j.run.RunFolder;
import org.xai4j.train.Evaluation;
import org.xai4j.train.TrainingRun;
import org.xai4j.util.Folders;

/**
 * How experiments train their models and what they read back from the run folders (for {@code --reuse} and cost
 * columns).
 */
public final class ExperimentRuns {
    private ExperimentRuns() {
    }

    /** A variant trained (or reused) at one seed: its run folder {@code out/runs/<variant>-s<seed>}. */
    public record TrainedVariant(Variant variant, long seed, Path runDir) {
    }

    /**
     * Trains (or, with {@code --reuse}, finds) every variant of the request at every seed (the base config's seed when
     * the request names none) on the folder's {@code base} config, then hands each run to {@code each}. The keys of a
     * run: the variant's overrides, then {@code quick} (for a {@code --quick} request, so it shrinks every variant),
     * the seed, then the request's {@code --set} overrides.
     */
    static void forEachRun(ExperimentRequest request, String base, List<String> quick, Consumer<TrainedVariant> each) {
        Path folder = request.folder();
        Path runs = request.outDir().resolve("runs");
        List<String> common = request.quick() ? quick : List.of();
        List<String> baseKeys = new ArrayList<>(common);
        baseKeys.addAll(request.overrides());
        RunConfig baseConfig = ConfigLoader.load(folder.resolve(base), RunConfig.class, baseKeys);
        List<Long> seeds = request.seeds().isEmpty() ? List.of(baseConfig.seed()) : request.seeds();
        for (Variant v : request.variants()) {
            for (long seed : seeds) {
                List<String> keys = new ArrayList<>(v.resolved(runs));
                keys.addAll(common);
                keys.add("seed=" + seed);
                keys.addAll(request.overrides());
                RunConfig config = ConfigLoader.load(folder.resolve(base), RunConfig.class, keys);
                String runName = v.name() + "-s" + seed;
                request.out().println("== " + runName);
                SampleSet data = DataSources.load(config.data(), folder);
                each.accept(new TrainedVariant(v, seed, trainUnlessDone(config, data, runs, runName, request.reuse(),
                        request.out())));
            }
        }
    }

    /**
     * Trains {@code config} on {@code data} into {@code runs/<runName>}, unless {@code reuse} is set and that run
     * finished ({@link #complete}) with this config ({@link #trainedWith}); an unfinished, a differently configured or
     * (without reuse) an earlier folder of that name is deleted first.
     *
     * @return the run folder
     */
    public static Path trainUnlessDone(RunConfig config, SampleSet data, Path runs, String runName, boolean reuse,
                                PrintStream out) {
        Path runDir = runs.resolve(runName);
        boolean stale = reuse && complete(runDir) && !trainedWith(runDir, config);
        if (stale) {
            out.println(runDir + " was trained with another config: training it again");
        }
        if (!reuse || !complete(runDir) || stale) {
            Folders.deleteTree(runDir); // only ever under an experiment's out/runs
            new TrainingRun(config, runs, runName, null, out).execute(data);
        }
        return runDir;
    }

    /**
     * Whether the run folder's resolved config is {@code config}: same seed, data and training sections, and the
     * same model unless fine-tuning (whose folder records the architecture of the checkpoint it started from).
     */
    static boolean trainedWith(Path runDir, RunConfig config) {
        RunConfig stored = ConfigLoader.load(runDir.resolve(RunFolder.CONFIG), RunConfig.class, List.of());
        return stored.seed().equals(config.seed()) && stored.data().equals(config.data())
                && stored.train().equals(config.train())
                && (config.train().finetune().enabled() || stored.model().equals(config.model()));
    }

    /** True when a run folder's training finished (its test evaluation was written). */
    public static boolean complete(Path runDir) {
        return Files.isRegularFile(testMetrics(runDir));
    }

    /** The macro test AUC a finished run folder's test evaluation recorded. */
    public static double testAuc(Path runDir) {
        CsvTable metrics = CsvTable.read(testMetrics(runDir));
        int label = metrics.header().indexOf("label");
        int auc = metrics.header().indexOf("auc");
        for (List<String> row : metrics.rows()) {
            if (row.get(label).equals("macro")) {
                return Double.parseDouble(row.get(auc));
            }
        }
        throw new IllegalArgumentException(testMetrics(runDir) + ": no 'macro' row");
    }

    /** Sum of the per-epoch training times a run folder's metrics.csv records. */
    public static double trainingSeconds(Path runDir) {
        return epochSeconds(runDir).stream().mapToDouble(Double::doubleValue).sum();
    }

    /** Mean per-epoch training time a run folder's metrics.csv records. */
    public static double meanEpochSeconds(Path runDir) {
        return epochSeconds(runDir).stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    private static List<Double> epochSeconds(Path runDir) {
        CsvTable metrics = CsvTable.read(runDir.resolve(RunFolder.METRICS));
        int column = metrics.header().indexOf("seconds");
        return metrics.rows().stream().map(r -> Double.parseDouble(r.get(column))).toList();
    }

    private static Path testMetrics(Path runDir) {
        return runDir.resolve("eval-test").resolve(Evaluation.METRICS);
    }
}
