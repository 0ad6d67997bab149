package org.xai4j.qc;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.commons.math3.stat.inference.TTest;
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
import org.xai4j.data.LabelTask;
import org.xai4j.data.Sample;
import org.xai4j.data.SampleSet;
import org.xai4j.data.Split;
import org.xai4j.explain.Explain;
import org.xai4j.metrics.Youden;
import org.xai4j.model.Mode;
import org.xai4j.model.ModelAdapter;
import org.xai4j.model.Target;
import org.xai4j.report.BoxPlot;
import org.xai4j.report.CsvTable;
import org.xai4j.report.HtmlReport;
import org.xai4j.run.TrainedRun;
import org.xai4j.util.AtomicFiles;

/**
 * {@code xai4j qc}: INFORMER, interpretability-founded quality control of a multi-label model (Shu et al., 2024;
 * METHODS.md section 7). Per image and class the distinctiveness of the class's saliency map among all classes'
 * ({@link Distinctiveness}); per class a prediction threshold (Youden index on validation) and a flag threshold
 * searched on validation ({@link FlagThreshold}: flagged predictions are swapped, F1 maximised); the same for the
 * two baselines, predictive entropy and the variance under test-time augmentation ({@link TestTimeAugmentation}).
 * On the test split: F1 per class and mean for no QC and each method, the same over bootstrap resamples, paired
 * t-tests of INFORMER against each baseline (Commons Math). Writes {@code qc.csv}, {@code bootstrap.csv},
 * {@code qc.md}, {@code qc-boxplot.png} and {@code report.html} to the output folder (default {@code <run>/qc}).
 */
public final class QcJob {
    public static final String CSV = "qc.csv";
    public static final String BOOTSTRAP = "bootstrap.csv";
    public static final String TABLE = "qc.md";
    public static final String PLOT = "qc-boxplot.png";
    public static final String REPORT = "report.html";
    static final String NONE = "no qc";
    static final String ENTROPY = "entropy";
    static final String TTA = "tta variance";

    /**
     * @param run        the run folder
     * @param checkpoint best, last or epoch-N
     * @param method     the saliency method (a registered attribution, e.g. ixg or lrp)
     * @param limit      images per split at most (0: all)
     * @param resamples  bootstrap resamples of the test split
     * @param seed       seed of the augmentations and resamples
     * @param options    the method's settings
     * @param out        output folder, or null for {@code <run>/qc}
     */
    public record Request(Path run, String checkpoint, String method, int limit, int resamples, long seed,
                          AttributionOptions options, Path out) {
        public Request {
            Attributions.requireKnown("--method", List.of(method));
            if (limit < 0 || resamples < 2) {
                throw new IllegalArgumentException("--limit >= 0 and --resamples >= 2, got " + limit + ", "
                        + resamples);
            }
        }

        String informer() {
            return "informer (" + method + ")";
        }
    }

    /** Scores of one split: per image and class. */
    record SplitScores(double[][] probability, int[][] labels, double[][] distinctiveness, double[][] entropy,
                       double[][] variance) {
        double[][] of(String name) {
            return switch (name) {
                case ENTROPY -> entropy;
                case TTA -> variance;
                default -> distinctiveness;
            };
        }
    }

    /**
     * The outcome.
     *
     * @param classes   label names
     * @param testF1    method -> per class test F1 (then the mean as the last entry)
     * @param bootstrap method -> mean F1 per resample
     * @param pValues   baseline -> p-value of the paired t-test of INFORMER against it
     */
    public record Result(List<String> classes, Map<String, double[]> testF1, Map<String, double[]> bootstrap,
                         Map<String, Double> pValues) {
    }

    private QcJob() {
    }

    public static Result run(Request q, PrintStream progress) {
        TrainedRun run = TrainedRun.open(q.run(), q.checkpoint());
        DataOptions dataOptions = run.dataOptions(null, "--data");
        SampleSet set = run.data();
        ModelAdapter adapter = new ModelAdapter(run.classifier());
        int k = adapter.numOutputs();
        if (set.task() != LabelTask.MULTI_LABEL || k < 2) {
            throw new IllegalArgumentException("qc: needs a multi-label run with at least 2 classes; " + q.run()
                    + " has " + k + " output(s), task " + set.task().name().toLowerCase(Locale.ROOT));
        }
        AttributionOptions opts = set.split(Split.TRAIN).isEmpty() ? q.options()
                : q.options().withReference(run.referenceImages(dataOptions, set));
        Attribution method = Attributions.create(q.method(), adapter, opts);
        SplittableRandom random = new SplittableRandom(q.seed());
        long t0 = System.nanoTime();
        SplitScores val = scores(adapter, method, split(set, Split.VAL, q.limit()), dataOptions, k, random);
        SplitScores test = scores(adapter, method, split(set, Split.TEST, q.limit()), dataOptions, k, random);
        progress.printf(Locale.ROOT, "qc: scored %d validation and %d test images with %s (%.1f s)%n",
                val.labels().length, test.labels().length, q.method(), (System.nanoTime() - t0) / 1e9);
        List<String> methods = List.of(NONE, q.informer(), ENTROPY, TTA);
        double[] cut = new double[k];
        Map<String, FlagThreshold[]> rules = new LinkedHashMap<>();
        for (String m : methods) {
            rules.put(m, new FlagThreshold[k]);
        }
        for (int c = 0; c < k; c++) {
            int[] y = column(val.labels(), c);
            Youden youden = Youden.of(column(val.probability(), c), y);
            cut[c] = youden.isDefined() ? youden.threshold() : 0.5;
            int[] predicted = predict(column(val.probability(), c), cut[c]);
            rules.get(NONE)[c] = new FlagThreshold(Double.NEGATIVE_INFINITY, true, FlagThreshold.f1(predicted, y));
            rules.get(q.informer())[c] = FlagThreshold.search(column(val.distinctiveness(), c), predicted, y, true);
            rules.get(ENTROPY)[c] = FlagThreshold.search(column(val.entropy(), c), predicted, y, false);
            rules.get(TTA)[c] = FlagThreshold.search(column(val.variance(), c), predicted, y, false);
        }
        int n = test.labels().length;
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        Map<String, double[]> testF1 = new LinkedHashMap<>();
        Map<String, double[]> boot = new LinkedHashMap<>();
        for (String m : methods) {
            testF1.put(m, f1(test, m, rules.get(m), cut, all));
            boot.put(m, new double[q.resamples()]);
        }
        for (int b = 0; b < q.resamples(); b++) {
            int[] idx = new int[n];
            for (int i = 0; i < n; i++) {
                idx[i] = random.nextInt(n);
            }
            for (String m : methods) {
                double[] f = f1(test, m, rules.get(m), cut, idx);
                boot.get(m)[b] = f[f.length - 1];
            }
        }
        Map<String, Double> p = new LinkedHashMap<>();
        for (String baseline : List.of(NONE, ENTROPY, TTA)) {
            p.put(baseline, new TTest().pairedTTest(boot.get(q.informer()), boot.get(baseline)));
        }
        Result result = new Result(set.labelNames(), testF1, boot, p);
        Path out = q.out() != null ? q.out() : run.outputDir("qc");
        write(out, result, rules, q, val.labels().length, n);
        progress.print(table(result, rules, q, val.labels().length, n));
        return result;
    }

    private static List<Sample> split(SampleSet set, Split split, int limit) {
        List<Sample> s = set.split(split);
        if (s.isEmpty()) {
            throw new IllegalArgumentException("qc: the run's data has no " + split.name().toLowerCase(Locale.ROOT)
                    + " split");
        }
        return limit > 0 && s.size() > limit ? s.subList(0, limit) : s;
    }

    private static SplitScores scores(ModelAdapter adapter, Attribution method, List<Sample> samples,
                                      DataOptions dataOptions, int k, SplittableRandom random) {
        int n = samples.size();
        double[][] prob = new double[n][];
        int[][] labels = new int[n][k];
        double[][] dist = new double[n][];
        double[][] ent = new double[n][k];
        double[][] var = new double[n][k];
        for (int from = 0; from < n; from += 32) {
            List<Sample> part = samples.subList(from, Math.min(n, from + 32));
            INDArray x = Explain.features(part, DataSources.transforms(dataOptions), adapter.dataType());
            double[][] p = Transforms.sigmoid(adapter.logits(x, Mode.INFERENCE).castTo(DataType.DOUBLE), false)
                    .toDoubleMatrix();
            double[][][] maps = new double[part.size()][k][];
            for (int c = 0; c < k; c++) {
                INDArray m = method.attribute(x, Target.logit(c)).castTo(DataType.DOUBLE);
                for (int i = 0; i < part.size(); i++) {
                    maps[i][c] = m.slice(i).dup('c').data().asDouble();
                }
            }
            for (int i = 0; i < part.size(); i++) {
                int row = from + i;
                prob[row] = p[i];
                dist[row] = Distinctiveness.of(maps[i]);
                float[] y = part.get(i).labels();
                for (int c = 0; c < k; c++) {
                    labels[row][c] = Float.isNaN(y[c]) ? -1 : Math.round(y[c]);
                    double q = Math.min(Math.max(p[i][c], 1e-12), 1 - 1e-12);
                    ent[row][c] = -(q * Math.log(q) + (1 - q) * Math.log(1 - q)) / Math.log(2);
                }
            }
            double[][] v = ttaVariance(adapter, x, k, random);
            System.arraycopy(v, 0, var, from, v.length);
            System.gc();
        }
        return new SplitScores(prob, labels, dist, ent, var);
    }

    /** Per image of {@code x} and class, the sigmoid's variance over its augmented copies (one pass for all). */
    private static double[][] ttaVariance(ModelAdapter adapter, INDArray x, int k, SplittableRandom random) {
        int n = (int) x.size(0);
        List<INDArray> copies = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            copies.addAll(TestTimeAugmentation.copies(x.get(NDArrayIndex.interval(i, i + 1), NDArrayIndex.all(),
                    NDArrayIndex.all(), NDArrayIndex.all()), random));
        }
        INDArray batch = Nd4j.concat(0, copies.toArray(INDArray[]::new)).castTo(adapter.dataType());
        double[][] p = Transforms.sigmoid(adapter.logits(batch, Mode.INFERENCE).castTo(DataType.DOUBLE), false)
                .toDoubleMatrix();
        int m = TestTimeAugmentation.COPIES;
        double[][] v = new double[n][k];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < k; c++) {
                double mean = 0;
                for (int a = 0; a < m; a++) {
                    mean += p[i * m + a][c] / m;
                }
                for (int a = 0; a < m; a++) {
                    v[i][c] += (p[i * m + a][c] - mean) * (p[i * m + a][c] - mean) / m;
                }
            }
        }
        return v;
    }

    /** Per class F1 on the images {@code idx} after the method's swaps, then their mean (over defined classes). */
    private static double[] f1(SplitScores s, String method, FlagThreshold[] rules, double[] cut, int[] idx) {
        int k = cut.length;
        double[] out = new double[k + 1];
        double sum = 0;
        int defined = 0;
        for (int c = 0; c < k; c++) {
            double[] score = new double[idx.length];
            int[] pred = new int[idx.length];
            int[] y = new int[idx.length];
            for (int i = 0; i < idx.length; i++) {
                score[i] = s.of(method)[idx[i]][c];      // no qc's rule flags nothing, whatever the score
                pred[i] = s.probability()[idx[i]][c] >= cut[c] ? 1 : 0;
                y[i] = s.labels()[idx[i]][c];
            }
            out[c] = rules[c].f1(score, pred, y);
            if (!Double.isNaN(out[c])) {
                sum += out[c];
                defined++;
            }
        }
        out[k] = defined == 0 ? Double.NaN : sum / defined;
        return out;
    }

    private static int[] column(int[][] a, int c) {
        int[] out = new int[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i][c];
        }
        return out;
    }

    private static double[] column(double[][] a, int c) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i][c];
        }
        return out;
    }

    private static int[] predict(double[] p, double cut) {
        int[] out = new int[p.length];
        for (int i = 0; i < p.length; i++) {
            out[i] = p[i] >= cut ? 1 : 0;
        }
        return out;
    }

    private static String table(Result r, Map<String, FlagThreshold[]> rules, Request q, int val, int test) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "INFORMER quality control with %s maps: "
                + "thresholds searched on %d validation images, F1 on %d test images after swapping the flagged "
                + "predictions; bootstrap over %d resamples of the test split.%n%n| method |", q.method(), val, test,
                q.resamples()));
        r.classes().forEach(c -> b.append(" F1 ").append(c).append(" |"));
        b.append(" mean F1 | bootstrap mean F1 | p (paired t, informer vs this) |\n|---|")
                .append("---:|".repeat(r.classes().size() + 3)).append('\n');
        r.testF1().forEach((m, f) -> {
            b.append("| ").append(m).append(" |");
            for (double v : f) {
                b.append(String.format(Locale.ROOT, " %.3f |", v));
            }
            double[] boot = r.bootstrap().get(m);
            org.apache.commons.math3.stat.descriptive.SummaryStatistics s =
                    new org.apache.commons.math3.stat.descriptive.SummaryStatistics();
            java.util.Arrays.stream(boot).filter(Double::isFinite).forEach(s::addValue);
            Double p = r.pValues().get(m);
            // NaN: the two methods flagged the same images in every resample (no difference to test)
            b.append(String.format(Locale.ROOT, " %.3f +- %.3f | %s |%n", s.getMean(), s.getStandardDeviation(),
                    p == null ? "-" : Double.isNaN(p) ? "identical" : String.format(Locale.ROOT, "%.3g", p)));
        });
        b.append("\nFlag thresholds per class (").append(String.join(", ", r.classes())).append("): ");
        rules.forEach((m, t) -> {
            if (!m.equals(NONE)) {
                b.append(m).append(' ');
                for (FlagThreshold f : t) {
                    b.append(String.format(Locale.ROOT, "%s%.3f ", f.flagBelow() ? "<" : ">", f.tau()));
                }
                b.append("; ");
            }
        });
        return b.append('\n').toString();
    }

    private static void write(Path out, Result r, Map<String, FlagThreshold[]> rules, Request q, int val, int test) {
        List<List<Object>> rows = new ArrayList<>();
        r.testF1().forEach((m, f) -> {
            for (int c = 0; c <= r.classes().size(); c++) {
                String name = c < r.classes().size() ? r.classes().get(c) : "mean";
                double tau = c < r.classes().size() && !m.equals(NONE) ? rules.get(m)[c].tau() : Double.NaN;
                rows.add(List.of(m, name, f[c], tau));
            }
        });
        CsvTable.write(out.resolve(CSV), List.of("method", "class", "test_f1", "flag_threshold"), rows);
        List<List<Object>> bootRows = new ArrayList<>();
        r.bootstrap().forEach((m, v) -> {
            for (int b = 0; b < v.length; b++) {
                bootRows.add(List.of(b, m, v[b]));
            }
        });
        CsvTable.write(out.resolve(BOOTSTRAP), List.of("resample", "method", "mean_f1"), bootRows);
        String md = table(r, rules, q, val, test);
        AtomicFiles.writeString(out.resolve(TABLE), md);
        BoxPlot.write(out.resolve(PLOT), "Mean F1 over " + q.resamples() + " bootstrap resamples of the test split",
                "mean F1", r.bootstrap());
        HtmlReport html = new HtmlReport("INFORMER quality control");
        html.paragraph(md.lines().findFirst().orElse(""));
        List<String> header = new ArrayList<>(List.of("method"));
        r.classes().forEach(c -> header.add("F1 " + c));
        header.add("mean F1");
        List<List<Object>> hr = new ArrayList<>();
        r.testF1().forEach((m, f) -> {
            List<Object> row = new ArrayList<>(List.of(m));
            for (double v : f) {
                row.add(v);
            }
            hr.add(row);
        });
        html.table(header, hr);
        List<List<Object>> pr = new ArrayList<>();
        r.pValues().forEach((m, p) -> pr.add(List.of(m, p)));
        html.table(List.of("baseline", "p (paired t-test, informer vs baseline)"), pr);
        try {
            html.image(javax.imageio.ImageIO.read(out.resolve(PLOT).toFile()), "mean F1 over bootstrap resamples");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("could not read " + out.resolve(PLOT), e);
        }
        html.write(out.resolve(REPORT));
    }
}
