package org.xai4j.experiments;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.xai4j.attribution.AttributionOptions;
import org.xai4j.attribution.Attributions;
import org.xai4j.attribution.checks.SensitivityN;
import org.xai4j.data.Split;
import org.xai4j.faithfulness.SensitivityNJob;
import org.xai4j.faithfulness.axioms.AxiomsJob;
import org.xai4j.faithfulness.axioms.SyntheticSample;
import org.xai4j.report.CsvTable;

/**
 * {@code xai4j experiment attribution-evaluation}: which attribution to trust (the dissertation's chapters 3, 5 and
 * 7). Trains the quickstart model (one logit), its multi-label twin (tumour and MS logits: the axiom scenarios with
 * two independent outputs) and the hard MS preset's CIFAR ResNet, each at every seed, then scores every registered
 * method on each with the "model knows best" axiom tests ({@link AxiomsJob}) and sensitivity-N
 * ({@link SensitivityNJob}), and tabulates mean +- sd over seeds next to a random-map baseline.
 */
public final class AttributionEvaluationExperiment implements Experiment {
    public static final String NAME = "attribution-evaluation";
    public static final String BASE = "base.yaml";
    static final String SAMPLES = "samples";
    static final String ITERATIONS = "iterations";
    static final String METHODS = "methods";
    static final String SENSITIVITY = "sensitivity";
    /** Subset sizes of sensitivity-N in the table. */
    static final int[] SIZES = {4, 64, 1024};
    static final List<String> QUICK = List.of("data.synthetic.size=32", "data.synthetic.train=48",
            "data.synthetic.val=16", "data.synthetic.test=24", "train.epochs=1", "train.batchSize=16",
            "model.widthMultiplier=0.125");

    /**
     * One method on one trained model.
     *
     * @param model   variant
     * @param seed    run seed
     * @param method  attribution method (or the random baseline)
     * @param testAuc the model's test AUC
     * @param axioms  metric -> value (null_ratio, overlap, single_correlation, saturation_correlation)
     * @param held    scenario -> samples that held
     * @param sensitivity subset size -> mean correlation (empty when not measured)
     */
    public record Row(String model, long seed, String method, double testAuc, Map<String, Double> axioms,
                      Map<String, Integer> held, Map<Integer, Double> sensitivity) {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Every registered attribution method scored by the 'model knows best' axiom tests and sensitivity-N on "
                + "the quickstart model, its multi-label twin and the hard MS preset; writes out/table.csv and the "
                + "README table.";
    }

    @Override
    public List<Variant> variants() {
        return List.of(new Variant("quickstart", "the quickstart model (one logit: z and -z)", List.of()),
                new Variant("multilabel", "the same data with a tumour and an MS logit",
                        List.of("data.synthetic.multiLabel=true")),
                new Variant("hard-ms", "the hard MS preset, CIFAR ResNet 16/32/64 (configs/hard-ms.yaml)",
                        List.of("data.synthetic.preset=hard", "data.synthetic.pathologies=[ms]",
                                "data.synthetic.train=1200", "model.architecture=resnet-cifar",
                                "model.widthMultiplier=1.0", "model.blocks=[1,1,1]", "train.epochs=10",
                                "train.lr=0.001")));
    }

    @Override
    public Map<String, String> options() {
        return Map.of(SAMPLES, "axiom samples per scenario (default 12)",
                ITERATIONS, "axiom optimisation steps per sample at most (default 400)",
                METHODS, "methods joined by '+' (default every registered one)",
                SENSITIVITY, "also measure sensitivity-N (default true)");
    }

    @Override
    public Outcome run(ExperimentRequest request) {
        List<Row> rows = measure(request);
        return new Outcome(request.outDir(), rows.size() + " rows -> " + request.outDir().resolve("table.md"));
    }

    /** Trains (or reuses) each variant at each seed and scores every method on it. */
    public List<Row> measure(ExperimentRequest request) {
        long start = System.nanoTime();
        PrintStream log = request.out();
        int samples = request.positiveInt(SAMPLES, request.quick() ? 1 : 12);
        int iterations = request.positiveInt(ITERATIONS, request.quick() ? 10 : 400);
        boolean sensitivity = request.flag(SENSITIVITY, true);
        List<String> methods = request.options().containsKey(METHODS)
                ? List.of(request.options().get(METHODS).split("\\+")) : List.copyOf(Attributions.names());
        Attributions.requireKnown("--option methods", methods);
        List<Row> rows = new ArrayList<>();
        ExperimentRuns.forEachRun(request, BASE, QUICK, run -> {
            Path runDir = run.runDir();
            AxiomsJob.Result axioms = AxiomsJob.run(new AxiomsJob.Request(runDir, "best", null, Split.TEST, methods,
                    AxiomsJob.SCENARIOS, samples, iterations, "healthy", null, run.seed(), AttributionOptions.defaults(),
                    runDir.resolve("axioms")), log);
            Map<String, SensitivityN.Curve> curves = sensitivity ? SensitivityNJob.run(new SensitivityNJob.Request(
                    runDir, "best", null, Split.TEST, request.quick() ? 2 : 16, methods,
                    request.quick() ? new int[] {4} : SIZES, request.quick() ? 3 : 30, "zero", run.seed(),
                    AttributionOptions.defaults(), runDir.resolve("sensitivity-n")), log) : Map.of();
            rows.addAll(rows(run.variant().name(), run.seed(), ExperimentRuns.testAuc(runDir), methods, axioms,
                    curves));
        });
        double minutes = (System.nanoTime() - start) / 6e10;
        String table = markdown(rows, samples, iterations, minutes, request.quick());
        Path out = request.outDir();
        writeCsv(out.resolve("table.csv"), rows);
        ReadmeTable.publish(request, table);
        log.printf(Locale.ROOT, "experiment done in %.1f min -> %s%n", minutes, out);
        return rows;
    }

    private static List<Row> rows(String model, long seed, double auc, List<String> methods, AxiomsJob.Result axioms,
                                  Map<String, SensitivityN.Curve> curves) {
        Map<String, Integer> held = new LinkedHashMap<>();
        axioms.samples().forEach((s, list) -> held.put(s, (int) list.stream().filter(SyntheticSample::held).count()));
        List<String> all = new ArrayList<>(methods);
        all.add(AxiomsJob.RANDOM);
        List<Row> out = new ArrayList<>();
        for (String m : all) {
            Map<String, Double> a = new LinkedHashMap<>();
            for (String s : AxiomsJob.SCENARIOS) {
                AxiomsJob.Score score = axioms.score(m, s);
                if (score != null) {
                    a.put(score.metric(), score.value());
                }
            }
            Map<Integer, Double> sens = new LinkedHashMap<>();
            SensitivityN.Curve c = curves.get(m);
            if (c != null) {
                for (int i = 0; i < c.sizes().length; i++) {
                    sens.put(c.sizes()[i], c.mean()[i]);
                }
            }
            out.add(new Row(model, seed, m, auc, a, held, sens));
        }
        return out;
    }

    static final List<String> METRICS = List.of("null_ratio", "overlap", "single_correlation",
            "saturation_correlation");

    static String markdown(List<Row> rows, int samples, int iterations, double minutes, boolean quick) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "Axiom tests: %d samples per scenario and "
                        + "model, up to %d steps, healthy test images as backgrounds; metrics over the samples that "
                        + "held. Sensitivity-N: 16 test images, 30 subsets per size. Mean +- sd over seeds; generated "
                        + "in %.1f min on %d cores%s.%n%n", samples, iterations, minutes,
                Runtime.getRuntime().availableProcessors(), quick ? " (QUICK MODE: not a result)" : ""));
        Map<String, List<Row>> byModel = new LinkedHashMap<>();
        rows.forEach(r -> byModel.computeIfAbsent(r.model(), k -> new ArrayList<>()).add(r));
        b.append("| model | seeds | test AUC | held null / double / single / saturation |\n|---|---|---|---|\n");
        byModel.forEach((model, list) -> {
            Map<Long, Row> perSeed = new LinkedHashMap<>();
            list.forEach(r -> perSeed.putIfAbsent(r.seed(), r));
            List<String> held = new ArrayList<>();
            for (String s : AxiomsJob.SCENARIOS) {
                held.add(meanSd(perSeed.values().stream().mapToDouble(r -> r.held().getOrDefault(s, 0)).toArray(),
                        "%.1f"));
            }
            b.append(String.format(Locale.ROOT, "| %s | %d | %s | %s |%n", model, perSeed.size(),
                    meanSd(perSeed.values().stream().mapToDouble(Row::testAuc).toArray(), "%.3f"),
                    String.join(" / ", held)));
        });
        b.append("\n| model | method | null ratio (lower) | overlap (lower) | single corr. (lower) | saturation corr. "
                + "(higher) |");
        for (int n : SIZES) {
            b.append(" sens-N ").append(n).append(" |");
        }
        b.append("\n|---|---|---:|---:|---:|---:|").append("---:|".repeat(SIZES.length)).append('\n');
        byModel.forEach((model, list) -> {
            Map<String, List<Row>> byMethod = new LinkedHashMap<>();
            list.forEach(r -> byMethod.computeIfAbsent(r.method(), k -> new ArrayList<>()).add(r));
            byMethod.forEach((method, rs) -> {
                b.append("| ").append(model).append(" | ").append(method).append(" |");
                for (String metric : METRICS) {
                    b.append(' ').append(meanSd(rs.stream().mapToDouble(r -> r.axioms().getOrDefault(metric,
                            Double.NaN)).toArray(), "%.3f")).append(" |");
                }
                for (int n : SIZES) {
                    b.append(' ').append(meanSd(rs.stream().mapToDouble(r -> r.sensitivity().getOrDefault(n,
                            Double.NaN)).toArray(), "%.2f")).append(" |");
                }
                b.append('\n');
            });
        });
        return b.toString();
    }

    /** Mean +- sd (Commons Math) over the finite values, in format {@code f}; "-" when there is none. */
    static String meanSd(double[] v, String f) {
        org.apache.commons.math3.stat.descriptive.SummaryStatistics s =
                new org.apache.commons.math3.stat.descriptive.SummaryStatistics();
        java.util.Arrays.stream(v).filter(Double::isFinite).forEach(s::addValue);
        if (s.getN() == 0) {
            return "-";
        }
        return s.getN() == 1 ? String.format(Locale.ROOT, f, s.getMean())
                : String.format(Locale.ROOT, f + " +- " + f, s.getMean(), s.getStandardDeviation());
    }

    private static void writeCsv(Path file, List<Row> rows) {
        List<String> header = new ArrayList<>(List.of("model", "seed", "method", "test_auc"));
        header.addAll(METRICS);
        for (String s : AxiomsJob.SCENARIOS) {
            header.add("held_" + s);
        }
        for (int n : SIZES) {
            header.add("sensitivity_n" + n);
        }
        List<List<Object>> cells = new ArrayList<>();
        for (Row r : rows) {
            List<Object> row = new ArrayList<>(List.of(r.model(), r.seed(), r.method(), r.testAuc()));
            METRICS.forEach(m -> row.add(r.axioms().getOrDefault(m, Double.NaN)));
            AxiomsJob.SCENARIOS.forEach(s -> row.add(r.held().getOrDefault(s, 0)));
            for (int n : SIZES) {
                row.add(r.sensitivity().getOrDefault(n, Double.NaN));
            }
            cells.add(row);
        }
        CsvTable.write(file, header, cells);
    }
}
