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
import org.xai4j.train.TrainingRun;

/**
 * {@code xai4j experiment attribution-constraint}: reproduces the claim of Wargnier-Dauchelle et al. (IEEE TMI 2023)
 * that the gradient-attribution constraint on healthy images turns attribution maps into lesion segmentations far
 * better than those of an unconstrained classifier, without hurting classification. Trains the unconstrained
 * baseline and one constrained model per training attribution on the synthetic brain slices (tumour- and MS-like
 * lesions, shortcut confounder in train/val, none in test), then segments the MS-like and tumour test lesions with
 * several attributions at inference (positive part inside the brain, peak-normalised, one threshold chosen for best
 * Dice on the validation lesions) and compares with the intensity-threshold and autoencoder baselines.
 */
public final class AttributionConstraintExperiment {
    /** Experiment folder, relative to the working directory. */
    public static final Path FOLDER = Path.of("experiments", "attribution-constraint");
    /** The base config in the folder. */
    public static final String BASE = "base.yaml";

    /** The default models: the unconstrained baseline and one per training attribution. */
    public static final List<ConstraintVariant> VARIANTS = List.of(
            new ConstraintVariant("unconstrained", List.of()),
            new ConstraintVariant("constrained-grad", List.of("train.constraint.enabled=true", "train.constraint.attribution=grad")),
            new ConstraintVariant("constrained-ixg", List.of("train.constraint.enabled=true", "train.constraint.attribution=ixg")),
            new ConstraintVariant("constrained-eg", List.of("train.constraint.enabled=true", "train.constraint.attribution=eg")),
            new ConstraintVariant("constrained-combination", List.of("train.constraint.enabled=true",
                    "train.constraint.attribution=combination")));

    /** Attributions used at inference to segment. */
    public static final List<String> INFERENCE = List.of("grad", "ixg", "eg", "gradcam");

    private final Path folder;
    private final List<String> overrides;
    private final List<ConstraintVariant> variants;
    private final boolean baselines;
    private final int autoencoderEpochs;
    private final PrintStream out;

    /**
     * @param folder            experiment folder (holds {@value #BASE} and README.md; outputs go to {@code out/})
     * @param overrides         {@code --set} overrides applied to every model on top of the base config
     * @param variants          the models to train
     * @param baselines         also fit the intensity and autoencoder baselines
     * @param autoencoderEpochs epochs of the autoencoder baseline
     */
    public AttributionConstraintExperiment(Path folder, List<String> overrides, List<ConstraintVariant> variants,
                                           boolean baselines, int autoencoderEpochs, PrintStream out) {
        this.folder = folder;
        this.overrides = List.copyOf(overrides);
        this.variants = List.copyOf(variants);
        this.baselines = baselines;
        this.autoencoderEpochs = autoencoderEpochs;
        this.out = out;
    }

    /** Trains, evaluates and writes {@code out/table.csv}, {@code out/table.md} and the README table. */
    public List<ConstraintRow> run() {
        long start = System.nanoTime();
        Path outDir = folder.resolve("out");
        RunConfig base = config(List.of());
        Map<DataOptions, SampleSet> dataSets = new LinkedHashMap<>();
        SampleSet data = dataSets.computeIfAbsent(base.data(), d -> DataSources.load(d, folder));
        SegmentationEvaluator seg = new SegmentationEvaluator(SegmentationOptions.defaults()
                .withThreshold(BestDiceThreshold.unfitted()));
        List<ConstraintRow> rows = new ArrayList<>();
        for (ConstraintVariant v : variants) {
            long t0 = System.nanoTime();
            RunConfig config = config(v.overrides());
            out.println("== " + v.name());
            // a variant may change the data (data.* overrides): it trains and is scored on its own data set
            SampleSet own = dataSets.computeIfAbsent(config.data(), d -> DataSources.load(d, folder));
            List<Sample> val = own.split(Split.VAL);
            List<Sample> test = own.split(Split.TEST);
            TrainingRun.Outcome o = new TrainingRun(config, outDir.resolve("runs"), v.name(), null, out).execute(own);
            double minutes = (System.nanoTime() - t0) / 6e10;
            ModelAdapter adapter = new ModelAdapter(Checkpoint.load(o.result().best()).classifier());
            Map<String, Double> ms = new LinkedHashMap<>();
            Map<String, Double> auroc = new LinkedHashMap<>();
            Map<String, Double> tumor = new LinkedHashMap<>();
            for (String m : INFERENCE) {
                AnomalyMapSource source = new AttributionMaps(Attributions.create(m, adapter, inferenceOptions()),
                        DataSources.transforms(config.data()), config.train().batchSize());
                MethodSummary s = seg.evaluate(source, only(val, "ms"), only(test, "ms")).summary();
                ms.put(m, s.meanDice());
                auroc.put(m, s.pixelAuroc());
                tumor.put(m, seg.evaluate(source, only(val, "tumor"), only(test, "tumor")).summary().meanDice());
            }
            ConstraintRow row = new ConstraintRow(v.name(), o.test().report().macroAuc(), ms, auroc, tumor, minutes);
            out.println(describe(row));
            rows.add(row);
        }
        if (baselines) {
            List<Sample> val = data.split(Split.VAL);
            List<Sample> test = data.split(Split.TEST);
            rows.add(baseline(new IntensityMaps(0), seg, val, test, 0));
            long t0 = System.nanoTime();
            AutoencoderOptions ae = AutoencoderOptions.defaults().withEpochs(autoencoderEpochs).withSeed(base.seed());
            var fit = AutoencoderTraining.train(data.split(Split.TRAIN), ae, out);
            rows.add(baseline(new ReconstructionMaps(fit.autoencoder(), base.train().batchSize()), seg, val, test,
                    (System.nanoTime() - t0) / 6e10));
        }
        double minutes = (System.nanoTime() - start) / 6e10;
        ConstraintTable.write(outDir, rows, minutes, overrides);
        Path readme = folder.resolve("README.md");
        if (Files.isRegularFile(readme)) {
            ReadmeTable.replace(readme, ConstraintTable.markdown(rows, minutes, overrides));
        }
        out.printf(Locale.ROOT, "experiment done in %.1f min -> %s%n", minutes, outDir);
        return rows;
    }

    private ConstraintRow baseline(AnomalyMapSource source, SegmentationEvaluator seg, List<Sample> val,
                                   List<Sample> test, double minutes) {
        MethodSummary s = seg.evaluate(source, only(val, "ms"), only(test, "ms")).summary();
        double t = seg.evaluate(source, only(val, "tumor"), only(test, "tumor")).summary().meanDice();
        ConstraintRow row = new ConstraintRow(source.name(), Double.NaN, Map.of("baseline", s.meanDice()),
                Map.of("baseline", s.pixelAuroc()), Map.of("baseline", t), minutes);
        out.println(describe(row));
        return row;
    }

    private RunConfig config(List<String> variant) {
        List<String> all = new ArrayList<>(overrides);
        all.addAll(0, variant);
        return ConfigLoader.load(folder.resolve(BASE), RunConfig.class, all);
    }

    /** Expected Gradients at inference with 16 references drawn from the explained batch (cost stays moderate). */
    static AttributionOptions inferenceOptions() {
        ExpectedGradients.Options d = ExpectedGradients.Options.defaults();
        return AttributionOptions.defaults().withEg(new ExpectedGradients.Options(16, null, d.seed(), d.internalBatch()));
    }

    /** Samples whose mask {@code finding} marks at least one pixel. */
    static List<Sample> only(List<Sample> samples, String finding) {
        return samples.stream().filter(s -> {
            float[] m = s.masks().get(finding);
            if (m == null) {
                return false;
            }
            for (float v : m) {
                if (v > 0.5f) {
                    return true;
                }
            }
            return false;
        }).toList();
    }

    static String describe(ConstraintRow r) {
        return String.format(Locale.ROOT, "%s: test AUC %.3f, MS Dice %s, MS pixel AUROC %s, tumour Dice %s (%.1f min)",
                r.name(), r.testAuc(), r.msDice(), r.msAuroc(), r.tumorDice(), r.minutes());
    }
}
