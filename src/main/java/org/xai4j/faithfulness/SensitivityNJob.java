package org.xai4j.faithfulness;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.attribution.Attribution;
import org.xai4j.attribution.AttributionOptions;
import org.xai4j.attribution.Attributions;
import org.xai4j.attribution.Baseline;
import org.xai4j.attribution.checks.ScoreFunction;
import org.xai4j.attribution.checks.SensitivityN;
import org.xai4j.data.DataOptions;
import org.xai4j.data.DataSources;
import org.xai4j.data.Sample;
import org.xai4j.data.SampleSet;
import org.xai4j.data.Split;
import org.xai4j.explain.Explain;
import org.xai4j.explain.ExplainData;
import org.xai4j.model.Mode;
import org.xai4j.model.ModelAdapter;
import org.xai4j.model.Target;
import org.xai4j.report.CsvTable;
import org.xai4j.report.LinePlot;
import org.xai4j.run.TrainedRun;
import org.xai4j.util.AtomicFiles;

/**
 * Sensitivity-N of every requested method on a run's images ({@link SensitivityN}, Ancona et al. 2018): the maps of
 * the explained class (the first positive label, else the prediction, as {@code explain}), the curve of mean
 * correlations per subset size, written as {@code sensitivity-n.csv}, {@code sensitivity-n.md} and
 * {@code sensitivity-n.png} in the output folder (default {@code <run>/evaluate-attributions}).
 */
public final class SensitivityNJob {
    /** Output file names. */
    public static final String CSV = "sensitivity-n.csv";
    public static final String TABLE = "sensitivity-n.md";
    public static final String PLOT = "sensitivity-n.png";

    /**
     * @param run        the run folder
     * @param checkpoint best, last or epoch-N
     * @param dataConfig a YAML file with a data: section, or null for the run's data
     * @param split      the split whose images are used
     * @param limit      images (pathological and healthy alternately)
     * @param methods    registered method names
     * @param sizes      subset sizes, or null for the log grid up to 80% of the pixels
     * @param subsets    subsets per image and size
     * @param baseline   zero or blur
     * @param seed       seed of the subsets
     * @param options    the methods' settings
     * @param out        output folder, or null for {@code <run>/evaluate-attributions}
     */
    public record Request(Path run, String checkpoint, Path dataConfig, Split split, int limit, List<String> methods,
                          int[] sizes, int subsets, String baseline, long seed, AttributionOptions options,
                          Path out) {
        public Request {
            if (limit < 1) {
                throw new IllegalArgumentException("--limit: must be >= 1, got " + limit);
            }
            if (methods == null || methods.isEmpty()) {
                throw new IllegalArgumentException("--methods: name at least one attribution method");
            }
            if (!baseline.equals("zero") && !baseline.equals("blur")) {
                throw new IllegalArgumentException("--baseline: zero or blur, got " + baseline);
            }
            if (subsets < 3) {
                throw new IllegalArgumentException("--subsets: must be >= 3, got " + subsets);
            }
            methods = List.copyOf(methods);
        }
    }

    private SensitivityNJob() {
    }

    /** Runs the request; returns the mean curve per method. */
    public static Map<String, SensitivityN.Curve> run(Request q, PrintStream progress) {
        Attributions.requireKnown("--methods", q.methods());
        TrainedRun run = TrainedRun.open(q.run(), q.checkpoint());
        DataOptions dataOptions = run.dataOptions(q.dataConfig(), "--data");
        SampleSet set = run.data(q.dataConfig(), "--data");
        List<Sample> samples = ExplainData.select(set, q.split(), List.of(), q.limit());
        ModelAdapter adapter = new ModelAdapter(run.classifier());
        INDArray x = Explain.features(samples, DataSources.transforms(dataOptions), adapter.dataType());
        int[] classes = Explain.targets(samples, adapter.logits(x, Mode.INFERENCE), "label");
        Target target = Target.perExample(classes);
        int h = (int) x.size(2);
        int w = (int) x.size(3);
        SensitivityN.Options defaults = SensitivityN.Options.defaults(h, w);
        SensitivityN.Options o = new SensitivityN.Options(q.sizes() == null ? defaults.sizes() : q.sizes(), q.subsets(),
                q.baseline().equals("blur") ? Baseline.blurred(Baseline.BLUR_SIGMA) : Baseline.zero(),
                ScoreFunction.LOGIT, q.seed(), 64);
        AttributionOptions opts = set.split(Split.TRAIN).isEmpty() ? q.options()
                : q.options().withReference(run.referenceImages(dataOptions, set));
        Map<String, SensitivityN.Curve> curves = new LinkedHashMap<>();
        for (String name : q.methods()) {
            long t0 = System.nanoTime();
            Attribution method = Attributions.create(name, adapter, opts);
            INDArray maps = Explain.attribute(method, x, classes, 8);
            SensitivityN.Curve curve = SensitivityN.evaluate(adapter, x, maps, target, o);
            curves.put(name, curve);
            progress.printf(Locale.ROOT, "  %-22s %s  (%.1f s)%n", name, describe(curve),
                    (System.nanoTime() - t0) / 1e9);
        }
        Path out = q.out() != null ? q.out() : run.outputDir("evaluate-attributions");
        write(out, curves, samples.size(), q.subsets());
        return curves;
    }

    private static String describe(SensitivityN.Curve c) {
        StringBuilder b = new StringBuilder();
        for (int s = 0; s < c.sizes().length; s++) {
            b.append(String.format(Locale.ROOT, "N=%d: %.3f  ", c.sizes()[s], c.mean()[s]));
        }
        return b.toString().trim();
    }

    private static void write(Path out, Map<String, SensitivityN.Curve> curves, int images, int subsets) {
        List<List<Object>> rows = new ArrayList<>();
        Map<String, double[][]> series = new LinkedHashMap<>();
        StringBuilder md = new StringBuilder(String.format(Locale.ROOT, "Sensitivity-N: mean over %d images of the "
                + "Pearson correlation between the attribution sum of %d random pixel subsets and the drop of the "
                + "explained logit when they are removed.%n%n| method |", images, subsets));
        int[] sizes = curves.values().iterator().next().sizes();
        for (int n : sizes) {
            md.append(" N=").append(n).append(" |");
        }
        md.append("\n|---|").append("---:|".repeat(sizes.length)).append('\n');
        curves.forEach((name, c) -> {
            md.append("| ").append(name).append(" |");
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (int s = 0; s < c.sizes().length; s++) {
                final int col = s;
                long defined = java.util.Arrays.stream(c.correlations()).filter(r -> !Double.isNaN(r[col])).count();
                rows.add(List.of(name, c.sizes()[s], c.mean()[s], defined));
                md.append(String.format(Locale.ROOT, " %.3f |", c.mean()[s]));
                if (!Double.isNaN(c.mean()[s])) {
                    xs.add(Math.log(c.sizes()[s]) / Math.log(2));
                    ys.add(c.mean()[s]);
                }
            }
            md.append('\n');
            if (!xs.isEmpty()) {
                series.put(name, new double[][] {xs.stream().mapToDouble(Double::doubleValue).toArray(),
                    ys.stream().mapToDouble(Double::doubleValue).toArray()});
            }
        });
        CsvTable.write(out.resolve(CSV), List.of("method", "n", "mean_correlation", "images"), rows);
        AtomicFiles.writeString(out.resolve(TABLE), md.toString());
        if (!series.isEmpty()) {
            LinePlot.write(out.resolve(PLOT), "Sensitivity-N", "log2 N (pixels removed)", "mean Pearson correlation",
                    series, 800, 600);
        }
    }
}
