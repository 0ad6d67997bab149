package org.xai4j.faithfulness.axioms;

import java.awt.image.BufferedImage;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.xai4j.attribution.Attribution;
import org.xai4j.attribution.AttributionOptions;
import org.xai4j.attribution.Attributions;
import org.xai4j.data.DataOptions;
import org.xai4j.data.DataSources;
import org.xai4j.data.Sample;
import org.xai4j.data.SampleSet;
import org.xai4j.data.Split;
import org.xai4j.explain.Explain;
import org.xai4j.model.ModelAdapter;
import org.xai4j.model.Target;
import org.xai4j.report.CsvTable;
import org.xai4j.report.HeatmapOverlay;
import org.xai4j.report.HtmlReport;
import org.xai4j.report.SaliencyDisplay;
import org.xai4j.run.TrainedRun;
import org.xai4j.util.AtomicFiles;

/**
 * {@code xai4j evaluate-attributions --suite axioms}: the "model knows best" tests (Khakzar et al., "Do Explanations
 * Explain? Model Knows Best", CVPR 2022; the dissertation's chapter 7) on a trained run. With the model frozen, it
 * generates samples of each scenario ({@link PatchSynthesis}), keeps those that hold, explains each with every
 * requested method and scores them ({@link AxiomMetrics}): null ratio (null), overlap (double), single-feature
 * correlation (single), saturation correlation (saturation). Writes {@code axioms.csv} (method, scenario, metric,
 * value, samples), {@code axioms.md}, {@code axiom-samples.csv} (every generated sample: held or not, steps, the
 * driven outputs' sigmoids and the changes that had to stay small) and {@code axioms.html} (the table and, per
 * scenario, one sample explained by every method), in the output folder (default
 * {@code <run>/evaluate-attributions}).
 */
public final class AxiomsJob {
    public static final String CSV = "axioms.csv";
    public static final String TABLE = "axioms.md";
    public static final String SAMPLES = "axiom-samples.csv";
    public static final String REPORT = "axioms.html";
    /** The baseline row: maps of independent uniform noise (what an uninformative method scores). */
    public static final String RANDOM = "random (baseline)";
    /** The scenarios and their metric, in report order. */
    public static final List<String> SCENARIOS = List.of("null", "double", "single", "saturation");

    /**
     * @param run        the run folder
     * @param checkpoint best, last or epoch-N
     * @param dataConfig YAML with a data: section, or null for the run's data
     * @param split      the split whose healthy images are the backgrounds
     * @param methods    registered method names
     * @param scenarios  a subset of {@link #SCENARIOS}
     * @param samples    samples generated per scenario
     * @param iterations optimisation steps per sample at most
     * @param background healthy (images of the split) or noise (the reference's)
     * @param outputs    two class indices for a multi-label model, or null for the first two (z and -z for one logit)
     * @param seed       seed of the synthesis
     * @param options    the methods' settings
     * @param out        output folder, or null for {@code <run>/evaluate-attributions}
     */
    public record Request(Path run, String checkpoint, Path dataConfig, Split split, List<String> methods,
                          List<String> scenarios, int samples, int iterations, String background, int[] outputs,
                          long seed, AttributionOptions options, Path out) {
        public Request {
            if (methods == null || methods.isEmpty()) {
                throw new IllegalArgumentException("--methods: name at least one attribution method");
            }
            for (String s : scenarios) {
                if (!SCENARIOS.contains(s)) {
                    throw new IllegalArgumentException("--scenarios: unknown '" + s + "' (allowed: "
                            + String.join(", ", SCENARIOS) + ")");
                }
            }
            if (samples < 1 || iterations < 10) {
                throw new IllegalArgumentException("--samples >= 1 and --iterations >= 10, got " + samples + ", "
                        + iterations);
            }
            if (!background.equals("healthy") && !background.equals("noise")) {
                throw new IllegalArgumentException("--background: healthy or noise, got " + background);
            }
            if (outputs != null && outputs.length != 2) {
                throw new IllegalArgumentException("--outputs: two class indices, got " + outputs.length);
            }
            methods = List.copyOf(methods);
            scenarios = List.copyOf(scenarios);
        }
    }

    /** One method's score in one scenario over its {@code samples} held samples. */
    public record Score(String method, String scenario, String metric, double value, int samples) {
    }

    /** What a run of the job produced. */
    public record Result(Map<String, List<SyntheticSample>> samples, List<Score> scores, OutputPair outputs) {
        /** The score of a method in a scenario, or null. */
        public Score score(String method, String scenario) {
            return scores.stream().filter(s -> s.method.equals(method) && s.scenario.equals(scenario)).findFirst()
                    .orElse(null);
        }
    }

    private AxiomsJob() {
    }

    public static Result run(Request q, PrintStream progress) {
        Attributions.requireKnown("--methods", q.methods());
        TrainedRun run = TrainedRun.open(q.run(), q.checkpoint());
        DataOptions dataOptions = run.dataOptions(q.dataConfig(), "--data");
        SampleSet set = run.data(q.dataConfig(), "--data");
        ModelAdapter adapter = new ModelAdapter(run.classifier());
        List<Sample> healthy = set.split(q.split()).stream().filter(s -> !s.isPathological()).limit(64).toList();
        if (healthy.isEmpty()) {
            throw new IllegalArgumentException("--split " + q.split().name().toLowerCase(Locale.ROOT)
                    + ": no healthy image to use as a background");
        }
        INDArray pool = Explain.features(healthy, DataSources.transforms(dataOptions), DataType.DOUBLE);
        Backgrounds healthyBackgrounds = Backgrounds.images(pool);
        Backgrounds backgrounds = q.background().equals("healthy") ? healthyBackgrounds
                : Backgrounds.noise((int) pool.size(1), (int) pool.size(2), (int) pool.size(3),
                        healthyBackgrounds.low(), healthyBackgrounds.high());
        OutputPair outputs = OutputPair.of(adapter.numOutputs(), q.outputs(), set.labelNames());
        SynthesisOptions so = SynthesisOptions.defaults((int) pool.size(2), q.iterations(), q.seed());
        progress.printf(Locale.ROOT, "axioms: outputs %s and %s%s, %d samples per scenario, patch %d px, up to %d "
                        + "steps, %s backgrounds%n", outputs.firstName(), outputs.secondName(),
                outputs.independent() ? "" : " (one logit)", q.samples(), so.patchSize(), so.maxIterations(),
                q.background());
        Map<String, List<SyntheticSample>> generated = new LinkedHashMap<>();
        for (String name : q.scenarios()) {
            long t0 = System.nanoTime();
            List<SyntheticSample> s = PatchSynthesis.generate(adapter, name, outputs, backgrounds, q.samples(), so);
            generated.put(name, s);
            progress.printf(Locale.ROOT, "  %-10s %d of %d held (%.1f s)%n", name,
                    s.stream().filter(SyntheticSample::held).count(), s.size(), (System.nanoTime() - t0) / 1e9);
        }
        AttributionOptions opts = set.split(Split.TRAIN).isEmpty() ? q.options()
                : q.options().withReference(run.referenceImages(dataOptions, set));
        List<Score> scores = new ArrayList<>();
        Map<String, Map<String, List<double[][]>>> examples = new LinkedHashMap<>();
        for (String method : q.methods()) {
            long t0 = System.nanoTime();
            Attribution a = Attributions.create(method, adapter, opts);
            for (String name : q.scenarios()) {
                List<SyntheticSample> held = generated.get(name).stream().filter(SyntheticSample::held).toList();
                PatchScenario scenario = PatchSynthesis.scenario(name, outputs, so);
                List<List<double[][]>> maps = maps(a, adapter, held, scenario.explained(), outputs);
                scores.add(score(method, name, held, maps));
                if (!held.isEmpty()) {
                    examples.computeIfAbsent(name, n -> new LinkedHashMap<>()).put(method, maps.get(0));
                }
            }
            progress.printf(Locale.ROOT, "  %-22s %s (%.1f s)%n", method, describe(scores, method),
                    (System.nanoTime() - t0) / 1e9);
        }
        for (String name : q.scenarios()) {
            List<SyntheticSample> held = generated.get(name).stream().filter(SyntheticSample::held).toList();
            int[] explained = PatchSynthesis.scenario(name, outputs, so).explained();
            scores.add(score(RANDOM, name, held, randomMaps(held, explained.length, q.seed())));
        }
        Path out = q.out() != null ? q.out() : run.outputDir("evaluate-attributions");
        Result result = new Result(generated, scores, outputs);
        write(out, result, q, so, examples);
        return result;
    }

    /** Per held sample, the magnitude maps (H x W) of each explained output. */
    static List<List<double[][]>> maps(Attribution method, ModelAdapter adapter, List<SyntheticSample> held,
                                               int[] explained, OutputPair outputs) {
        List<List<double[][]>> out = new ArrayList<>();
        for (int i = 0; i < held.size(); i++) {
            out.add(new ArrayList<>());
        }
        if (held.isEmpty()) {
            return out;
        }
        INDArray x = Nd4j.concat(0, held.stream().map(SyntheticSample::image).toArray(INDArray[]::new))
                .castTo(adapter.dataType());
        for (int e : explained) {
            INDArray w = Nd4j.createFromArray(outputs.weights(e)).reshape(1, outputs.weights(e).length);
            for (int from = 0; from < held.size(); from += 8) {
                int to = Math.min(held.size(), from + 8);
                INDArray part = x.get(NDArrayIndex.interval(from, to), NDArrayIndex.all(), NDArrayIndex.all(),
                        NDArrayIndex.all()).dup();
                INDArray m = Transforms.abs(method.attribute(part, Target.weights(w)).castTo(DataType.DOUBLE), false)
                        .sum(1);
                for (int n = from; n < to; n++) {
                    out.get(n).add(m.slice(n - from).toDoubleMatrix());
                }
                System.gc();
            }
        }
        return out;
    }

    /** Uniform random maps, one per held sample and explained output (seeded). */
    static List<List<double[][]>> randomMaps(List<SyntheticSample> held, int outputs, long seed) {
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed ^ 0x5DEECE66DL);
        List<List<double[][]>> out = new ArrayList<>();
        for (SyntheticSample s : held) {
            int h = (int) s.background().size(2);
            int w = (int) s.background().size(3);
            List<double[][]> maps = new ArrayList<>();
            for (int e = 0; e < outputs; e++) {
                double[][] m = new double[h][w];
                for (double[] row : m) {
                    for (int c = 0; c < w; c++) {
                        row[c] = random.nextDouble();
                    }
                }
                maps.add(m);
            }
            out.add(maps);
        }
        return out;
    }

    /** The scenario's metric over its held samples. */
    static Score score(String method, String scenario, List<SyntheticSample> held, List<List<double[][]>> maps) {
        int n = held.size();
        double[] values = new double[n];
        double[] second = new double[n];
        for (int i = 0; i < n; i++) {
            List<PatchPosition> p = held.get(i).positions();
            List<double[][]> m = maps.get(i);
            switch (scenario) {
                case "null" -> values[i] = AxiomMetrics.nullRatio(m.get(0), p.get(0), p.get(1));
                case "double" -> values[i] = AxiomMetrics.overlap(m.get(0), m.get(1), p.get(0), p.get(1));
                case "single" -> {
                    values[i] = AxiomMetrics.patchContrast(m.get(0), p.get(0));
                    second[i] = AxiomMetrics.patchContrast(m.get(1), p.get(0));
                }
                case "saturation" -> {
                    values[i] = AxiomMetrics.mean(m.get(0), p.get(0));
                    second[i] = AxiomMetrics.mean(m.get(0), p.get(1));
                }
                default -> throw new IllegalArgumentException(scenario);
            }
        }
        return switch (scenario) {
            case "null" -> new Score(method, scenario, "null_ratio", meanDefined(values), n);
            case "double" -> new Score(method, scenario, "overlap", meanDefined(values), n);
            case "single" -> new Score(method, scenario, "single_correlation",
                    AxiomMetrics.spearman(values, second), n);
            default -> new Score(method, scenario, "saturation_correlation",
                    AxiomMetrics.spearman(values, second), n);
        };
    }

    private static double meanDefined(double[] v) {
        return java.util.Arrays.stream(v).filter(d -> !Double.isNaN(d)).average().orElse(Double.NaN);
    }

    private static String describe(List<Score> scores, String method) {
        StringBuilder b = new StringBuilder();
        for (Score s : scores) {
            if (s.method.equals(method)) {
                b.append(String.format(Locale.ROOT, "%s %.3f  ", s.metric, s.value));
            }
        }
        return b.toString().trim();
    }

    /** Which way is better, per metric (for the table's header). */
    static String better(String metric) {
        return metric.equals("saturation_correlation") ? "higher is better" : "lower is better";
    }

    private static void write(Path out, Result r, Request q, SynthesisOptions so,
                              Map<String, Map<String, List<double[][]>>> examples) {
        List<List<Object>> rows = new ArrayList<>();
        for (Score s : r.scores()) {
            rows.add(List.of(s.method, s.scenario, s.metric, s.value, s.samples));
        }
        CsvTable.write(out.resolve(CSV), List.of("method", "scenario", "metric", "value", "samples"), rows);
        List<List<Object>> sampleRows = new ArrayList<>();
        r.samples().forEach((name, list) -> {
            for (int i = 0; i < list.size(); i++) {
                SyntheticSample s = list.get(i);
                sampleRows.add(List.of(name, i, s.held(), s.iterations(), join(s.targets()), join(s.changes())));
            }
        });
        CsvTable.write(out.resolve(SAMPLES), List.of("scenario", "sample", "held", "steps", "targets", "changes"),
                sampleRows);
        String table = table(r, q, so);
        AtomicFiles.writeString(out.resolve(TABLE), table);
        HtmlReport html = new HtmlReport("Model knows best: axiom tests");
        html.paragraph(caption(r, q, so));
        List<String> header = new ArrayList<>(List.of("method"));
        for (String s : q.scenarios()) {
            header.add(metricOf(s) + " (" + better(metricOf(s)) + ")");
        }
        List<List<Object>> hr = new ArrayList<>();
        List<String> methodsAndBaseline = new ArrayList<>(q.methods());
        methodsAndBaseline.add(RANDOM);
        for (String m : methodsAndBaseline) {
            List<Object> row = new ArrayList<>(List.of(m));
            for (String s : q.scenarios()) {
                Score sc = r.score(m, s);
                row.add(sc == null ? Double.NaN : sc.value);
            }
            hr.add(row);
        }
        html.table(header, hr);
        for (String s : q.scenarios()) {
            Map<String, List<double[][]>> byMethod = examples.get(s);
            if (byMethod == null) {
                html.paragraph(s + ": no sample held; nothing to show.");
                continue;
            }
            SyntheticSample sample = r.samples().get(s).stream().filter(SyntheticSample::held).findFirst().orElseThrow();
            html.heading(s + ": one sample (patches outlined), then each method's map per explained output");
            List<BufferedImage> images = new ArrayList<>();
            List<String> captions = new ArrayList<>();
            float[] grey = grey(sample.image());
            float[] outline = outline(sample);
            int width = (int) sample.image().size(3);
            images.add(HeatmapOverlay.render(grey, null, outline, width, 3));
            captions.add("image");
            byMethod.forEach((method, maps) -> {
                int[] explained = PatchSynthesis.scenario(s, r.outputs(), so).explained();
                for (int e = 0; e < maps.size(); e++) {
                    images.add(HeatmapOverlay.render(grey, display(maps.get(e)), outline, width, 3));
                    captions.add(method + " (" + r.outputs().name(explained[e]) + ")");
                }
            });
            html.imageRow(images, captions);
        }
        html.write(out.resolve(REPORT));
    }

    static String metricOf(String scenario) {
        return switch (scenario) {
            case "null" -> "null_ratio";
            case "double" -> "overlap";
            case "single" -> "single_correlation";
            default -> "saturation_correlation";
        };
    }

    private static String caption(Result r, Request q, SynthesisOptions so) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "Outputs %s and %s; %s backgrounds; up to %d "
                + "samples per scenario, %d steps each. Held samples per scenario:", r.outputs().firstName(),
                r.outputs().secondName(), q.background(), q.samples(), q.iterations()));
        r.samples().forEach((name, list) -> b.append(' ').append(name).append(' ')
                .append(list.stream().filter(SyntheticSample::held).count()).append('/').append(list.size()));
        b.append('.');
        for (String s : q.scenarios()) {
            String caveat = PatchSynthesis.scenario(s, r.outputs(), so).caveat();
            if (caveat != null) {
                b.append(' ').append(s).append(": ").append(caveat).append('.');
            }
        }
        return b.toString();
    }

    private static String table(Result r, Request q, SynthesisOptions so) {
        StringBuilder md = new StringBuilder(caption(r, q, so)).append("\n\n| method |");
        for (String s : q.scenarios()) {
            md.append(' ').append(metricOf(s)).append(" (").append(s).append(", ")
                    .append(better(metricOf(s)).replace(" is better", "")).append(") |");
        }
        md.append("\n|---|").append("---:|".repeat(q.scenarios().size())).append('\n');
        List<String> rowsOf = new ArrayList<>(q.methods());
        rowsOf.add(RANDOM);
        for (String m : rowsOf) {
            md.append("| ").append(m).append(" |");
            for (String s : q.scenarios()) {
                Score sc = r.score(m, s);
                md.append(sc == null || Double.isNaN(sc.value) ? " - |"
                        : String.format(Locale.ROOT, " %.3f |", sc.value));
            }
            md.append('\n');
        }
        return md.toString();
    }

    private static String join(double[] v) {
        StringBuilder b = new StringBuilder();
        for (double d : v) {
            b.append(b.length() == 0 ? "" : ";").append(String.format(Locale.ROOT, "%.4f", d));
        }
        return b.toString();
    }

    private static float[] grey(INDArray image) {
        INDArray g = image.castTo(DataType.DOUBLE).mean(1).reshape(image.size(2) * image.size(3));
        double lo = g.minNumber().doubleValue();
        double hi = g.maxNumber().doubleValue();
        return g.sub(lo).divi(Math.max(hi - lo, 1e-12)).toFloatVector();
    }

    private static float[] outline(SyntheticSample s) {
        int h = (int) s.image().size(2);
        int w = (int) s.image().size(3);
        float[] m = new float[h * w];
        for (PatchPosition p : s.positions()) {
            for (int r = p.row(); r < p.row() + p.size(); r++) {
                for (int c = p.col(); c < p.col() + p.size(); c++) {
                    m[r * w + c] = 1;
                }
            }
        }
        return m;
    }

    /** A magnitude map (H x W) as figures show it ({@link SaliencyDisplay#MARGELOIU}, {@code explain}'s default). */
    private static double[] display(double[][] map) {
        double[] flat = java.util.Arrays.stream(map).flatMapToDouble(java.util.Arrays::stream).toArray();
        return SaliencyDisplay.MARGELOIU.normalise(flat, 1);
    }
}
