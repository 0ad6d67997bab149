package org.xai4j.explain;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.xai4j.attribution.Attribution;
import org.xai4j.attribution.AttributionOptions;
import org.xai4j.attribution.ExpectedGradients;
import org.xai4j.attribution.IntegratedGradients;
import org.xai4j.attribution.Attributions;
import org.xai4j.attribution.ReferenceImages;
import org.xai4j.attribution.checks.InsertionDeletion;
import org.xai4j.attribution.checks.RandomisationCheck;
import org.xai4j.attribution.checks.ScoreFunction;
import org.xai4j.data.Batches;
import org.xai4j.data.DataOptions;
import org.xai4j.data.DataSources;
import org.xai4j.data.LabelTask;
import org.xai4j.data.Sample;
import org.xai4j.data.SampleSet;
import org.xai4j.data.Split;
import org.xai4j.data.Transforms;
import org.xai4j.model.Classifier;
import org.xai4j.model.Mode;
import org.xai4j.model.ModelAdapter;
import org.xai4j.model.Target;
import org.xai4j.run.TrainedRun;

/**
 * {@code xai4j explain}: loads a run's checkpoint and data, attributes the chosen images with every requested method
 * (inference mode, in batches), computes the localisation metrics, insertion/deletion AUCs and the cascading
 * randomisation check, and hands everything to {@link ExplainWriter}.
 */
public final class Explain {
    /** Training images used as the Expected-Gradients background. */
    private static final int BACKGROUND = 64;

    private Explain() {
    }

    /**
     * @param dir     output folder
     * @param ids     the explained images
     * @param methods results per method
     */
    public record Summary(Path dir, List<String> ids, List<MethodResult> methods) {
        public String describe() {
            StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "explained %d images with %d methods%n",
                    ids.size(), methods.size()));
            b.append(String.format(Locale.ROOT, "  %-22s %9s %8s %8s %8s %8s %8s%n", "method", "s/img", "mass",
                    "point", "EHR", "ins.AUC", "del.AUC"));
            for (MethodResult m : methods) {
                b.append(String.format(Locale.ROOT, "  %-22s %9.4f %8.3f %8.3f %8.3f %8.3f %8.3f%n", m.method(),
                        m.seconds() / ids.size(), m.mean(MapMetrics::massInMask), m.mean(MapMetrics::pointingHit),
                        m.mean(MapMetrics::ehr), average(m.curves().insertionAuc()),
                        average(m.curves().deletionAuc())));
            }
            b.append("  outputs: ").append(dir).append(" (report.html, grid.png, metrics.csv, summary.csv, "
                    + "sanity.csv, overlays/)\n");
            return b.toString();
        }
    }

    public static Summary run(ExplainOptions o, PrintStream progress) {
        for (String m : o.methods()) {
            Attributions.requireKnown(m); // fail before loading anything
        }
        TrainedRun run = TrainedRun.open(o.run(), o.checkpoint());
        DataOptions data = run.dataOptions(o.dataConfig(), "--data");
        Classifier classifier = run.classifier();
        SampleSet set = DataSources.load(data, Path.of("."));
        run.requireFits(set, o.dataConfig() == null ? "the run's data" : "--data " + o.dataConfig());
        List<Sample> samples = ExplainData.select(set, o.split(), o.images(), o.limit());
        Transforms transforms = DataSources.transforms(data);
        ModelAdapter adapter = new ModelAdapter(classifier);
        INDArray x = features(samples, transforms, adapter.dataType());
        int[] targets = targets(samples, adapter.logits(x, Mode.INFERENCE), o.target());
        AttributionOptions opts = o.attribution().with("eg", o.attribution().of("eg", ExpectedGradients.Options.class)
                .withBackground(features(sampleOf(set.split(Split.TRAIN), BACKGROUND), transforms,
                        adapter.dataType()))).withReference(run.referenceImages(data, set));
        ScoreFunction score = set.task() == LabelTask.MULTI_CLASS ? ScoreFunction.SOFTMAX : ScoreFunction.SIGMOID;
        InsertionDeletion.Options idOptions = new InsertionDeletion.Options(o.insertionStep(),
                o.deletionBaselineFunction(), score, opts.of("ig", IntegratedGradients.Options.class).internalBatch());
        List<MethodResult> results = new ArrayList<>();
        for (String name : o.methods()) {
            Attribution method = Attributions.create(name, adapter, opts);
            long t0 = System.nanoTime();
            INDArray maps = attribute(method, x, targets, o.batch());
            double seconds = (System.nanoTime() - t0) / 1e9;
            List<double[]> display = new ArrayList<>();
            List<MapMetrics> perImage = new ArrayList<>();
            for (int i = 0; i < samples.size(); i++) {
                double[] a = maps.get(NDArrayIndex.point(i)).castTo(DataType.DOUBLE).dup().data().asDouble();
                double[] disp = o.display().normalise(a, (int) x.size(1));
                display.add(disp);
                perImage.add(MapMetrics.of(samples.get(i), absSum(a, (int) x.size(1)), disp));
            }
            InsertionDeletion.Curves curves = InsertionDeletion.evaluate(adapter, x, maps,
                    Target.perExample(targets), idOptions);
            List<RandomisationCheck.Step> sanity = List.of();
            int k = Math.min(o.sanityImages(), samples.size());
            if (k > 0) {
                // randomised copies are not the checkpoint: their statistics are not cached next to it
                AttributionOptions uncached = opts.withReference(opts.reference().map(ReferenceImages::withoutCache)
                        .orElse(null));
                sanity = RandomisationCheck.run(classifier, a -> Attributions.create(name, a, uncached),
                        x.get(NDArrayIndex.interval(0, k), NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.all())
                                .dup(), Target.perExample(java.util.Arrays.copyOf(targets, k)),
                        new RandomisationCheck.Options(RandomisationCheck.Granularity.GROUPS, 1));
            }
            releaseOffHeap();
            MethodResult r = new MethodResult(name, maps, display, seconds, perImage, curves,
                    MapMetrics.localisation(samples, targets, display), sanity);
            results.add(r);
            progress.printf(Locale.ROOT, "  %-22s %.2f s for %d images (%.1f img/s)%n", name, seconds, samples.size(),
                    samples.size() / seconds);
        }
        ExplainWriter.write(o, run.folder(), samples, targets, set.labelNames(), results);
        return new Summary(o.outDir(), samples.stream().map(Sample::id).toList(), results);
    }

    /** Normalised features as in training (no augmentation). */
    public static INDArray features(List<Sample> samples, Transforms t, DataType type) {
        List<Sample> normalised = samples.stream().map(t::normalise).toList();
        return Batches.of(normalised, type).features();
    }

    private static List<Sample> sampleOf(List<Sample> train, int n) {
        if (train.isEmpty()) {
            throw new IllegalArgumentException("--data: the train split is empty (Expected Gradients draws its "
                    + "references from it)");
        }
        List<Sample> out = new ArrayList<>();
        int step = Math.max(1, train.size() / n);
        for (int i = 0; i < train.size() && out.size() < n; i += step) {
            out.add(train.get(i));
        }
        return out;
    }

    /** The explained class of each image. */
    public static int[] targets(List<Sample> samples, INDArray logits, String mode) {
        int[] t = new int[samples.size()];
        for (int i = 0; i < t.length; i++) {
            int predicted = (int) logits.getRow(i).argMax().getInt(0);
            t[i] = predicted;
            if (mode.equals("label")) {
                float[] labels = samples.get(i).labels();
                for (int k = 0; k < labels.length; k++) {
                    if (labels[k] > 0.5f) {
                        t[i] = k;
                        break;
                    }
                }
            }
        }
        return t;
    }

    /** Maps of the images in calls of {@code batch} images, the class of image n being {@code targets[n]}. */
    public static INDArray attribute(Attribution method, INDArray x, int[] targets, int batch) {
        int n = (int) x.size(0);
        List<INDArray> parts = new ArrayList<>();
        for (int from = 0; from < n; from += batch) {
            int to = Math.min(n, from + batch);
            parts.add(method.attribute(x.get(NDArrayIndex.interval(from, to), NDArrayIndex.all(), NDArrayIndex.all(),
                    NDArrayIndex.all()).dup(), Target.perExample(java.util.Arrays.copyOfRange(targets, from, to))));
            releaseOffHeap();
        }
        return parts.size() == 1 ? parts.get(0) : Nd4j.concat(0, parts.toArray(INDArray[]::new));
    }

    /**
     * ND4J arrays live off the Java heap and are freed only when their small Java wrappers are collected; with
     * workspaces off (DESIGN.md decision 3) the many passes of IG, EG or occlusion leave gigabytes of unreachable
     * buffers before the JVM sees a reason to collect (measured: 13 GB RSS on the quickstart model). A collection
     * between attribution calls keeps the footprint at about one call's worth.
     */
    private static void releaseOffHeap() {
        System.gc();
    }

    private static double[] absSum(double[] a, int channels) {
        int hw = a.length / channels;
        double[] out = new double[hw];
        for (int i = 0; i < a.length; i++) {
            out[i % hw] += Math.abs(a[i]);
        }
        return out;
    }

    static double average(double[] v) {
        return java.util.Arrays.stream(v).filter(d -> !Double.isNaN(d)).average().orElse(Double.NaN);
    }
}
