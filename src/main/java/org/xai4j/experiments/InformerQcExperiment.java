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
import org.xai4j.qc.QcJob;
import org.xai4j.report.CsvTable;

/**
 * {@code xai4j experiment informer-qc}: does saliency-based quality control (INFORMER, Shu et al. 2024) catch a
 * multi-label model's errors better than predictive entropy and test-time-augmentation variance (CheXpert
 * DenseNet-121: mean F1 0.574 with LRP, 0.569 with Input x Gradient, 0.563 for both baselines)? Trains the base
 * config at every seed and runs {@link QcJob} with each saliency method on it; tabulates test F1 per method, mean
 * +- sd over seeds, and the paired t-tests of each seed's bootstrap.
 */
public final class InformerQcExperiment implements Experiment {
    public static final String NAME = "informer-qc";
    public static final String BASE = "base.yaml";
    static final String METHODS = "methods";
    static final List<String> QUICK = List.of("data.synthetic.size=32", "data.synthetic.train=64",
            "data.synthetic.val=32", "data.synthetic.test=32", "train.epochs=1", "train.batchSize=16",
            "model.widthMultiplier=0.5");

    /**
     * @param seed    run seed
     * @param method  saliency method of INFORMER
     * @param testF1  QC method (no qc, informer, entropy, tta variance) -> per class test F1, then the mean
     * @param pValues baseline -> p-value of INFORMER against it on this seed's bootstrap
     */
    public record Row(long seed, String method, List<String> classes, Map<String, double[]> testF1,
                      Map<String, Double> pValues) {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "INFORMER quality control against entropy and test-time augmentation on a multi-label model of the "
                + "five-finding synthetic task; writes out/table.csv and the README table.";
    }

    @Override
    public List<Variant> variants() {
        return List.of(new Variant("five-findings", "the base config", List.of()));
    }

    @Override
    public Map<String, String> options() {
        return Map.of(METHODS, "saliency methods joined by '+' (default ixg+lrp)");
    }

    @Override
    public Outcome run(ExperimentRequest request) {
        List<Row> rows = measure(request);
        return new Outcome(request.outDir(), rows.size() + " rows -> " + request.outDir().resolve("table.md"));
    }

    public List<Row> measure(ExperimentRequest request) {
        long start = System.nanoTime();
        PrintStream log = request.out();
        List<String> methods = List.of(request.options().getOrDefault(METHODS, "ixg+lrp").split("\\+"));
        Attributions.requireKnown("--option methods", methods);
        List<Row> rows = new ArrayList<>();
        ExperimentRuns.forEachRun(request, BASE, QUICK, run -> {
            for (String m : methods) {
                QcJob.Result r = QcJob.run(new QcJob.Request(run.runDir(), "best", m, 0, 30, run.seed(),
                        AttributionOptions.defaults(), run.runDir().resolve("qc-" + m)), log);
                rows.add(new Row(run.seed(), m, r.classes(), r.testF1(), r.pValues()));
            }
        });
        double minutes = (System.nanoTime() - start) / 6e10;
        writeCsv(request.outDir().resolve("table.csv"), rows);
        ReadmeTable.publish(request, markdown(rows, minutes, request.quick()));
        log.printf(Locale.ROOT, "experiment done in %.1f min -> %s%n", minutes, request.outDir());
        return rows;
    }

    static String markdown(List<Row> rows, double minutes, boolean quick) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "Test F1 after swapping the flagged "
                        + "predictions (thresholds searched on validation), mean +- sd over %d seed(s); p: paired "
                        + "t-test of INFORMER's bootstrap mean F1 (30 resamples) against the row's, per seed "
                        + "(median over seeds). Generated in %.1f min on %d cores%s.%n%n",
                rows.stream().map(Row::seed).distinct().count(), minutes, Runtime.getRuntime().availableProcessors(),
                quick ? " (QUICK MODE: not a result)" : ""));
        if (rows.isEmpty()) {
            return b.toString();
        }
        List<String> classes = rows.get(0).classes();
        b.append("| saliency | QC method |");
        classes.forEach(c -> b.append(" F1 ").append(c).append(" |"));
        b.append(" mean F1 | p (informer vs this) |\n|---|---|").append("---:|".repeat(classes.size() + 2))
                .append('\n');
        Map<String, List<Row>> byMethod = new LinkedHashMap<>();
        rows.forEach(r -> byMethod.computeIfAbsent(r.method(), k -> new ArrayList<>()).add(r));
        byMethod.forEach((method, rs) -> rs.get(0).testF1().keySet().forEach(qc -> {
            b.append("| ").append(method).append(" | ").append(qc).append(" |");
            for (int c = 0; c <= classes.size(); c++) {
                final int col = c;
                b.append(' ').append(AttributionEvaluationExperiment.meanSd(rs.stream()
                        .mapToDouble(r -> r.testF1().get(qc)[col]).toArray(), "%.3f")).append(" |");
            }
            double[] p = rs.stream().map(r -> r.pValues().get(qc)).filter(java.util.Objects::nonNull)
                    .mapToDouble(Double::doubleValue).sorted().toArray();
            b.append(p.length == 0 ? " - |" : String.format(Locale.ROOT, " %.3g |", p[p.length / 2])).append('\n');
        }));
        return b.toString();
    }

    private static void writeCsv(Path file, List<Row> rows) {
        List<List<Object>> cells = new ArrayList<>();
        for (Row r : rows) {
            r.testF1().forEach((qc, f) -> {
                for (int c = 0; c < f.length; c++) {
                    cells.add(List.of(r.seed(), r.method(), qc, c < r.classes().size() ? r.classes().get(c) : "mean",
                            f[c], r.pValues().getOrDefault(qc, Double.NaN)));
                }
            });
        }
        CsvTable.write(file, List.of("seed", "saliency", "qc_method", "class", "test_f1", "p_informer_vs"), cells);
    }
}
