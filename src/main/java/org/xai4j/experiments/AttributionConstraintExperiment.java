package org.xai4j.experiments;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.xai4j.attribution.AttributionOptions;
import org.xai4j.attribution.Attributions;
import org.xai4j.attribution.ExpectedGradients;
import org.xai4j.config.ConfigLoader;
import org.xai4j.config.RunConfig;
import org.xai4j.data.DataOptions;
import org.xai4j.data.DataSources;
import org.xai4j.data.Sample;
import org.xai4j.data.SampleSet;
import org.xai4j.data.Split;
import org.xai4j.model.ModelAdapter;
import org.xai4j.run.Checkpoint;
import org.xai4j.segmentation.AnomalyMapSource;
import org.xai4j.segmentation.AttributionMaps;
import org.xai4j.segmentation.AutoencoderOptions;
import org.xai4j.segmentation.AutoencoderTraining;
import org.xai4j.segmentation.BestDiceThreshold;
import org.xai4j.segmentation.IntensityMaps;
import org.xai4j.segmentation.MethodSummary;
import org.xai4j.segmentation.ReconstructionMaps;
import org.xai4j.segmentation.SegmentationEvaluator;
import org.xai4j.segmentation.SegmentationOptions;
import org.xai4j.run.RunFolder;
import org.xai4j.tune.SearchFolder;
import org.xai4j.tune.SearchSpace;
import org.xai4j.tune.Trial;
import org.xai4j.tune.TuneJob;
import org.xai4j.util.Folders;

/**
 * {@code xai4j experiment attribution-constraint}: reproduces the claim of Wargnier-Dauchelle et al. (IEEE TMI 2023)
 * that the gradient-attribution constraint on healthy images turns attribution maps into lesion segmentations far
 * better than those of an unconstrained classifier, without hurting classification. Trains the unconstrained
 * baseline and one constrained model per training attribution on the synthetic brain slices (tumour- and MS-like
 * lesions, shortcut confounder in train/val, none in test), then segments the MS-like and tumour test lesions with
 * several attributions at inference (positive part inside the brain, peak-normalised, one threshold chosen for best
 * Dice on the validation lesions) and compares with the intensity-threshold and autoencoder baselines.
 */
public final class AttributionConstraintExperiment implements Experiment {
    public static final String NAME = "attribution-constraint";
    /** The base config in the folder. */
    public static final String BASE = "base.yaml";

    /**
     * The default models (issue 12, section 7): the unconstrained baseline; one model per training attribution with
     * the paper's setting ({@code relu(1000 A)}, lambda 0.1, in base.yaml); for Input x Gradient the lambda grid
     * around it, softplus at scale 1 (the naive setting a user gets without choosing a scale) and the scale-free RMS
     * normalisation with both penalties.
     */
    public static final List<Variant> VARIANTS = List.of(
            Variant.of("unconstrained", List.of()),
            constrained("constrained-ixg", "attribution=ixg"),
            constrained("ixg-rms-relu", "attribution=ixg", "scale=1", "normalize=rms"),
            constrained("ixg-rms-softplus", "attribution=ixg", "penalty=softplus", "scale=1", "normalize=rms"),
            constrained("constrained-grad", "attribution=grad"),
            constrained("constrained-eg", "attribution=eg"),
            constrained("constrained-combination", "attribution=combination"),
            constrained("ixg-relu1000-l0.01", "attribution=ixg", "lambda=0.01"),
            constrained("ixg-relu1000-l1", "attribution=ixg", "lambda=1"),
            constrained("ixg-relu1000-l0.003", "attribution=ixg", "lambda=0.003"),
            constrained("ixg-relu1000-l0.03", "attribution=ixg", "lambda=0.03"),
            constrained("ixg-relu1000-l0.01-exact", "attribution=ixg", "lambda=0.01", "difference=exact"),
            constrained("ixg-relu1000-exact", "attribution=ixg", "difference=exact"),
            constrained("ixg-rms-relu-l1", "attribution=ixg", "scale=1", "normalize=rms", "lambda=1"),
            constrained("ixg-rms-relu-l10", "attribution=ixg", "scale=1", "normalize=rms", "lambda=10"),
            constrained("ixg-softplus1", "attribution=ixg", "penalty=softplus", "scale=1"));

    /** {@code --option baselines=false} skips the intensity and autoencoder baselines. */
    static final String BASELINES = "baselines";
    /** {@code --option ae-epochs=N}: epochs of the autoencoder baseline. */
    static final String AE_EPOCHS = "ae-epochs";
    static final int DEFAULT_AE_EPOCHS = 10;
    /**
     * {@code --option tune=FILE}: first search the constraint's settings with {@code xai4j tune} (FILE: a space file
     * in the experiment folder, e.g. {@code tune-space.yaml}) on top of {@link #TUNED_FROM}, on the validation split,
     * then add the variant {@code tuned} with the chosen values to the table.
     */
    static final String TUNE = "tune";
    /** The variant the search starts from. */
    static final String TUNED_FROM = "constrained-ixg";
    /** What {@code --quick} sets: tiny images and splits, one epoch, the autoencoder for one epoch. */
    static final List<String> QUICK = List.of("data.synthetic.size=32", "data.synthetic.train=48",
            "data.synthetic.val=24", "data.synthetic.test=24", "train.epochs=1", "train.batchSize=16",
            "model.widthMultiplier=0.125");

    private static Variant constrained(String name, String... constraintKeys) {
        List<String> o = new ArrayList<>(List.of("train.constraint.enabled=true"));
        for (String k : constraintKeys) {
            o.add("train.constraint." + k);
        }
        return Variant.of(name, o);
    }

    /** Attributions used at inference to segment. */
    public static final List<String> INFERENCE = List.of("grad", "ixg", "eg", "gradcam");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Train the unconstrained and attribution-constrained classifiers on synthetic brain slices and "
                + "tabulate test AUC and lesion-segmentation Dice of their attribution maps against the intensity "
                + "and autoencoder baselines (Wargnier-Dauchelle et al., IEEE TMI 2023); writes out/table.csv, "
                + "out/table.md and the README table.";
    }

    @Override
    public List<Variant> variants() {
        return VARIANTS;
    }

    @Override
    public Map<String, String> options() {
        return Map.of(BASELINES, "true|false: fit the intensity and autoencoder baselines (default true)",
                AE_EPOCHS, "autoencoder epochs (default " + DEFAULT_AE_EPOCHS + ")",
                TUNE, "FILE: search the constraint settings with xai4j tune (space file in the experiment folder, "
                        + "e.g. tune-space.yaml) on validation first, and add the variant 'tuned' with the chosen "
                        + "values");
    }

    /** Trains, evaluates and writes {@code out/table.csv}, {@code out/table.md} and (unless quick) the README table. */
    @Override
    public Outcome run(ExperimentRequest request) {
        List<ConstraintRow> rows = measure(request);
        Path outDir = request.outDir();
        return new Outcome(outDir, rows.size() + " rows -> " + outDir.resolve("table.md"));
    }

    /** {@link #run}, returning the table's rows. */
    public List<ConstraintRow> measure(ExperimentRequest request) {
        long start = System.nanoTime();
        Path folder = request.folder();
        PrintStream out = request.out();
        List<String> overrides = new ArrayList<>(request.quick() ? QUICK : List.of());
        overrides.addAll(request.overrides());
        boolean baselines = request.flag(BASELINES, true);
        int aeEpochs = request.quick() ? 1 : request.positiveInt(AE_EPOCHS, DEFAULT_AE_EPOCHS);
        Path outDir = request.outDir();
        RunConfig base = config(folder, overrides, List.of());
        Map<DataOptions, SampleSet> dataSets = new LinkedHashMap<>();
        SampleSet data = dataSets.computeIfAbsent(base.data(), d -> DataSources.load(d, folder));
        SegmentationEvaluator seg = new SegmentationEvaluator(SegmentationOptions.defaults()
                .withThreshold(BestDiceThreshold.unfitted()));
        List<Long> runSeeds = request.seeds().isEmpty() ? List.of(base.seed()) : request.seeds();
        List<Variant> variants = new ArrayList<>(request.variants());
        String note = "";
        if (request.options().containsKey(TUNE)) {
            TuneJob.Result search = tune(folder, overrides, request);
            Trial best = search.best().orElseThrow(() -> new IllegalArgumentException("--option tune: no trial of "
                    + "the search in " + search.folder().dir() + " finished, so there is nothing to choose"));
            List<String> chosen = SearchSpace.overrides(best.parameters());
            Variant from = variant(TUNED_FROM);
            List<String> tuned = new ArrayList<>(from.overrides());
            tuned.addAll(chosen);
            variants.add(Variant.of("tuned", tuned));
            note = String.format(Locale.ROOT, "tuned: %s with the values xai4j tune chose on the validation split "
                    + "(%s, %d trials, objective %s, best %.4f %s): %s", TUNED_FROM,
                    search.folder().dir().getFileName(), search.trials().size(), request.options().get(TUNE),
                    best.objective(), best.terms(), String.join(", ", chosen));
            out.println(note);
        }
        List<ConstraintRow> rows = new ArrayList<>();
        for (Variant v : variants) {
            for (long seed : runSeeds) {
                rows.add(model(folder, overrides, v, seed, dataSets, seg, request));
            }
        }
        if (baselines) {
            List<Sample> val = data.split(Split.VAL);
            List<Sample> test = data.split(Split.TEST);
            rows.add(baseline(new IntensityMaps(0), base.seed(), seg, val, test, 0, out));
            for (long seed : runSeeds) {
                long t0 = System.nanoTime();
                AutoencoderOptions ae = AutoencoderOptions.defaults().withEpochs(aeEpochs).withSeed(seed);
                var fit = AutoencoderTraining.train(data.split(Split.TRAIN), ae, out);
                rows.add(baseline(new ReconstructionMaps(fit.autoencoder(), base.train().batchSize()), seed, seg, val,
                        test, (System.nanoTime() - t0) / 6e10, out));
            }
        }
        double minutes = (System.nanoTime() - start) / 6e10;
        ConstraintTable.write(outDir, rows, minutes, overrides, note);
        Path readme = folder.resolve("README.md");
        if (!request.quick() && Files.isRegularFile(readme)) {
            ReadmeTable.replace(readme, ConstraintTable.markdown(rows, minutes, overrides, note));
        }
        out.printf(Locale.ROOT, "experiment done in %.1f min -> %s%n", minutes, outDir);
        return rows;
    }

    /**
     * The search of {@code --option tune}: the base config with {@link #TUNED_FROM}'s overrides and the request's, the
     * space file from the experiment folder, into {@code out/tune} (continued with {@code --reuse}, else started
     * again).
     */
    private static TuneJob.Result tune(Path folder, List<String> overrides, ExperimentRequest request) {
        Path space = folder.resolve(request.options().get(TUNE));
        Path outDir = request.outDir();
        Path searchDir = outDir.resolve("tune");
        List<String> base = new ArrayList<>(variant(TUNED_FROM).overrides());
        base.addAll(overrides);
        // --reuse continues the stored search only when it is this one (same base config, overrides and space)
        boolean resume = request.reuse() && SearchFolder.holds(searchDir, folder.resolve(BASE), base, space);
        if (!resume) {
            Folders.deleteTree(searchDir);
        }
        TuneJob.Request r = resume
                ? new TuneJob.Request(null, List.of(), null, null, null, null, outDir, searchDir, folder)
                : new TuneJob.Request(folder.resolve(BASE), base, space, null, null, "tune", outDir, null, folder);
        TuneJob.Result result = TuneJob.run(r, request.out());
        request.out().print(result.describe());
        return result;
    }

    private static Variant variant(String name) {
        return VARIANTS.stream().filter(v -> v.name().equals(name)).findFirst().orElseThrow();
    }

    /** Trains (or, with reuse, finds) one variant at one seed and scores its maps. */
    private static ConstraintRow model(Path folder, List<String> overrides, Variant v, long seed,
                                       Map<DataOptions, SampleSet> dataSets, SegmentationEvaluator seg,
                                       ExperimentRequest request) {
        long t0 = System.nanoTime();
        PrintStream out = request.out();
        Path runs = request.outDir().resolve("runs");
        List<String> keys = new ArrayList<>(v.resolved(runs));
        keys.add("seed=" + seed);
        RunConfig config = config(folder, overrides, keys);
        String runName = v.name() + "-s" + seed;
        out.println("== " + runName);
        // a variant may change the data (data.* overrides): it trains and is scored on its own data set
        SampleSet own = dataSets.computeIfAbsent(config.data(), d -> DataSources.load(d, folder));
        List<Sample> val = own.split(Split.VAL);
        List<Sample> test = own.split(Split.TEST);
        Path runDir = ExperimentRuns.trainUnlessDone(config, own, runs, runName, request.reuse(), out);
        double minutes = ExperimentRuns.trainingSeconds(runDir) / 60;
        ModelAdapter adapter = new ModelAdapter(Checkpoint.load(runDir.resolve(RunFolder.BEST)).classifier());
        Map<String, Double> ms = new LinkedHashMap<>();
        Map<String, Double> auroc = new LinkedHashMap<>();
        Map<String, Double> tumor = new LinkedHashMap<>();
        List<Sample> msVal = only(val, "ms");
        List<Sample> msTest = only(test, "ms");
        List<Sample> tumorVal = only(val, "tumor");
        List<Sample> tumorTest = only(test, "tumor");
        for (String m : INFERENCE) {
            AnomalyMapSource source = new AttributionMaps(Attributions.create(m, adapter, inferenceOptions()),
                    DataSources.transforms(config.data()), config.train().batchSize());
            MethodSummary s = seg.evaluate(source, msVal, msTest).summary();
            ms.put(m, s.meanDice());
            auroc.put(m, s.pixelAuroc());
            tumor.put(m, tumorTest.isEmpty() ? Double.NaN
                    : seg.evaluate(source, tumorVal, tumorTest).summary().meanDice());
        }
        ConstraintRow row = new ConstraintRow(v.name(), seed, ExperimentRuns.testAuc(runDir), ms, auroc, tumor,
                minutes, ExperimentRuns.meanEpochSeconds(runDir));
        out.printf(Locale.ROOT, "%s (%.1f min with scoring)%n", describe(row), (System.nanoTime() - t0) / 6e10);
        return row;
    }

    private static ConstraintRow baseline(AnomalyMapSource source, long seed, SegmentationEvaluator seg,
                                          List<Sample> val, List<Sample> test, double minutes, PrintStream out) {
        MethodSummary s = seg.evaluate(source, only(val, "ms"), only(test, "ms")).summary();
        List<Sample> tumorTest = only(test, "tumor");
        double t = tumorTest.isEmpty() ? Double.NaN
                : seg.evaluate(source, only(val, "tumor"), tumorTest).summary().meanDice();
        ConstraintRow row = new ConstraintRow(source.name(), seed, Double.NaN, Map.of("baseline", s.meanDice()),
                Map.of("baseline", s.pixelAuroc()), Map.of("baseline", t), minutes, Double.NaN);
        out.println(describe(row));
        return row;
    }

    /** The base config with the variant's overrides, then the request's (so {@code --set} wins). */
    private static RunConfig config(Path folder, List<String> overrides, List<String> variant) {
        List<String> all = new ArrayList<>(overrides);
        all.addAll(0, variant);
        return ConfigLoader.load(folder.resolve(BASE), RunConfig.class, all);
    }

    /** Expected Gradients at inference with 16 references drawn from the explained batch (cost stays moderate). */
    static AttributionOptions inferenceOptions() {
        return AttributionOptions.defaults().with("eg", new ExpectedGradients.Options(16, null, null, null));
    }

    /** Samples whose mask {@code finding} marks at least one pixel. */
    static List<Sample> only(List<Sample> samples, String finding) {
        return SegmentationEvaluator.withFinding(samples, finding);
    }

    static String describe(ConstraintRow r) {
        return String.format(Locale.ROOT, "%s seed %d: test AUC %.3f, MS Dice %s, MS pixel AUROC %s, tumour Dice %s (%.1f min)",
                r.name(), r.seed(), r.testAuc(), r.msDice(), r.msAuroc(), r.tumorDice(), r.minutes());
    }
}
