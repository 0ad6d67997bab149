package org.xai4j.experiments;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.xai4j.config.ConfigLoader;
import org.xai4j.config.RunConfig;
import org.xai4j.data.DataSources;
import org.xai4j.data.SampleSet;
import org.xai4j.data.Split;
import org.xai4j.dissection.DissectionJob;
import org.xai4j.dissection.DissectionOptions;
import org.xai4j.report.CsvTable;
import org.xai4j.run.RunFolder;

/**
 * {@code xai4j experiment network-dissection}: does weighted BCE give more concept detectors than plain BCE at the
 * same AUC, and do detectors for the rare findings grow with training (the attribution dissertation's chapter 9:
 * CheXpert DenseNet-121, 100 vs 65 detectors)? Trains both losses on multi-label synthetic slices with rare
 * findings, keeps every epoch's checkpoint, dissects each ({@link DissectionJob}) on the test split and tabulates
 * detectors per concept per model and epoch next to the validation AUC.
 */
public final class NetworkDissectionExperiment implements Experiment {
    public static final String NAME = "network-dissection";
    public static final String BASE = "base.yaml";
    static final String LAYERS = "layers";
    static final String LIMIT = "limit";
    static final List<String> QUICK = List.of("data.synthetic.size=32", "data.synthetic.train=48",
            "data.synthetic.val=16", "data.synthetic.test=24", "train.epochs=2", "train.batchSize=16",
            "model.widthMultiplier=0.125", "data.synthetic.prevalence=0.5");

    /**
     * @param model      variant
     * @param seed       run seed
     * @param epoch      the checkpoint's epoch
     * @param valAuc     validation macro AUC after that epoch
     * @param testAuc    test macro AUC of the run's best checkpoint (the same on every row of a run)
     * @param detectors  concept -> detectors over the dissected layers
     */
    public record Row(String model, long seed, int epoch, double valAuc, double testAuc,
                      Map<String, Integer> detectors) {
        public int total() {
            return detectors.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Weighted vs plain BCE on multi-label slices with rare findings: network dissection of every epoch's "
                + "checkpoint (detectors per concept) next to validation and test AUC; writes out/table.csv and "
                + "the README table.";
    }

    @Override
    public List<Variant> variants() {
        return List.of(Variant.of("weighted-bce", List.of("train.loss=weighted-bce")),
                Variant.of("bce", List.of("train.loss=bce")),
                // the baseline: the same network practically untrained (one epoch at lr 1e-9; BatchNorm's running
                // statistics are those of the data), whose units detect what a random network's do
                new Variant("untrained", "one epoch at lr 1e-9 (a random network)", List.of("train.epochs=1",
                        "train.lr=1e-9")));
    }

    @Override
    public Map<String, String> options() {
        return Map.of(LAYERS, "taps dissected, joined by '+' (default last_conv+stage3)",
                LIMIT, "test images dissected (default 200)");
    }

    @Override
    public Outcome run(ExperimentRequest request) {
        List<Row> rows = measure(request);
        Path out = request.outDir();
        return new Outcome(out, rows.size() + " rows -> " + out.resolve("table.md"));
    }

    /** Trains (or reuses), dissects and tabulates; returns one row per model, seed and epoch. */
    public List<Row> measure(ExperimentRequest request) {
        long start = System.nanoTime();
        PrintStream log = request.out();
        Path folder = request.folder();
        Path runs = request.outDir().resolve("runs");
        List<String> layers = List.of(request.options().getOrDefault(LAYERS, "last_conv+stage3").split("\\+"));
        int limit = request.positiveInt(LIMIT, request.quick() ? 16 : 200);
        List<String> common = new ArrayList<>(request.quick() ? QUICK : List.of());
        RunConfig base = ConfigLoader.load(folder.resolve(BASE), RunConfig.class, plus(common, request.overrides()));
        List<Long> seeds = request.seeds().isEmpty() ? List.of(base.seed()) : request.seeds();
        Map<Object, SampleSet> dataSets = new LinkedHashMap<>();
        List<Row> rows = new ArrayList<>();
        for (Variant v : request.variants()) {
            for (long seed : seeds) {
                List<String> keys = plus(common, v.resolved(runs));
                keys.add("seed=" + seed);
                keys.addAll(request.overrides());
                RunConfig config = ConfigLoader.load(folder.resolve(BASE), RunConfig.class, keys);
                String runName = v.name() + "-s" + seed;
                log.println("== " + runName);
                SampleSet data = dataSets.computeIfAbsent(config.data(), d -> DataSources.load(config.data(), folder));
                Path runDir = ExperimentRuns.trainUnlessDone(config, data, runs, runName, request.reuse(), log);
                Path dissect = runDir.resolve("dissect");
                DissectionJob.run(new DissectionJob.Request(runDir, List.of("epoch-*"), null, Split.TEST, limit,
                        new DissectionOptions(layers, null, null, null, null), dissect), log);
                rows.addAll(rows(v.name(), seed, runDir, dissect));
            }
        }
        double minutes = (System.nanoTime() - start) / 6e10;
        String table = markdown(rows, layers, limit, minutes, request.quick());
        Path out = request.outDir();
        writeCsv(out.resolve("table.csv"), rows);
        ReadmeTable.publish(request, table);
        log.printf(Locale.ROOT, "experiment done in %.1f min -> %s%n", minutes, out);
        return rows;
    }

    private static List<Row> rows(String model, long seed, Path runDir, Path dissect) {
        CsvTable metrics = CsvTable.read(runDir.resolve(RunFolder.METRICS));
        int epochColumn = metrics.header().indexOf("epoch");
        int aucColumn = metrics.header().indexOf("val_auc");
        Map<Integer, Double> valAuc = new LinkedHashMap<>();
        for (List<String> r : metrics.rows()) {
            valAuc.put(Integer.parseInt(r.get(epochColumn)), Double.parseDouble(r.get(aucColumn)));
        }
        double testAuc = ExperimentRuns.testAuc(runDir);
        Map<Integer, Map<String, Integer>> detectors = new LinkedHashMap<>();
        valAuc.keySet().forEach(e -> detectors.put(e, new LinkedHashMap<>()));
        for (List<String> r : CsvTable.read(dissect.resolve(DissectionJob.SUMMARY)).rows()) {
            int epoch = Integer.parseInt(r.get(0).substring("epoch-".length()));
            detectors.computeIfAbsent(epoch, e -> new LinkedHashMap<>()).merge(r.get(2), Integer.parseInt(r.get(3)),
                    Integer::sum);
        }
        List<Row> out = new ArrayList<>();
        detectors.forEach((epoch, d) -> out.add(new Row(model, seed, epoch, valAuc.getOrDefault(epoch, Double.NaN),
                testAuc, d)));
        return out;
    }

    static String markdown(List<Row> rows, List<String> layers, int limit, double minutes, boolean quick) {
        Set<String> concepts = new LinkedHashSet<>();
        rows.forEach(r -> concepts.addAll(r.detectors().keySet()));
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "Detectors (best IoU >= 0.04, top 0.5%% threshold) over the taps %s, "
                        + "dissected on %d test images; generated in %.1f min on %d cores%s.%n%n",
                String.join(", ", layers), limit, minutes, Runtime.getRuntime().availableProcessors(),
                quick ? " (QUICK MODE: not a result)" : ""));
        b.append("| model | seed | epoch | val AUC | test AUC (best) | detectors |");
        concepts.forEach(c -> b.append(' ').append(c).append(" |"));
        b.append("\n|---|---|---|---|---|---|");
        concepts.forEach(c -> b.append("---|"));
        b.append('\n');
        for (Row r : rows) {
            b.append(String.format(Locale.ROOT, "| %s | %d | %d | %.3f | %.3f | %d |", r.model(), r.seed(), r.epoch(),
                    r.valAuc(), r.testAuc(), r.total()));
            concepts.forEach(c -> b.append(' ').append(r.detectors().getOrDefault(c, 0)).append(" |"));
            b.append('\n');
        }
        return b.toString();
    }

    private static void writeCsv(Path file, List<Row> rows) {
        Set<String> concepts = new LinkedHashSet<>();
        rows.forEach(r -> concepts.addAll(r.detectors().keySet()));
        List<String> header = new ArrayList<>(List.of("model", "seed", "epoch", "val_auc", "test_auc", "detectors"));
        concepts.forEach(c -> header.add("detectors_" + c));
        List<List<Object>> cells = new ArrayList<>();
        for (Row r : rows) {
            List<Object> row = new ArrayList<>(List.of(r.model(), r.seed(), r.epoch(), r.valAuc(), r.testAuc(),
                    r.total()));
            concepts.forEach(c -> row.add(r.detectors().getOrDefault(c, 0)));
            cells.add(row);
        }
        CsvTable.write(file, header, cells);
    }

    private static List<String> plus(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
