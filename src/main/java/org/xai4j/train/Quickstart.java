package org.xai4j.train;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.xai4j.config.RunConfig;
import org.xai4j.data.DataSources;
import org.xai4j.data.SampleSet;
import org.xai4j.data.Split;
import org.xai4j.metrics.ClassMetrics;
import org.xai4j.report.CsvTable;
import org.xai4j.report.LinePlot;
import org.xai4j.run.RunFolder;
import org.xai4j.util.AtomicFiles;

/**
 * The main job: generate the synthetic brain-MRI set, train the quickstart classifier, evaluate it on the
 * test split and write {@code report.md} with training curves into the run folder.
 */
public final class Quickstart {
    public static final String REPORT = "report.md";
    public static final String CURVES = "training-curves.png";

    private Quickstart() {
    }

    /**
     * @param outcome the training run
     * @param seconds wall time of the whole quickstart
     */
    public record Result(TrainingRun.Outcome outcome, double seconds) {
        public double testAuc() {
            return outcome.test() == null ? Double.NaN : outcome.test().report().macroAuc();
        }

        public String describe() {
            return (outcome.test() == null ? "" : outcome.test().describe())
                    + String.format(Locale.ROOT, "quickstart finished in %s: test AUC %.4f%nreport: %s%n"
                            + "inspect training in the DL4J UI: java -jar target/xai4j.jar ui --run %s%n",
                    ProgressPrinter.duration(seconds), testAuc(), outcome.folder().resolve(REPORT),
                    outcome.folder().dir());
        }
    }

    public static Result run(RunConfig config, Path checkpointsRoot, String name, PrintStream out) {
        long t0 = System.nanoTime();
        out.println("generating the data set (" + config.data().source() + ") ...");
        SampleSet data = DataSources.load(config.data(), Path.of("."));
        out.printf(Locale.ROOT, "%d images %dx%dx%d: %d train, %d val, %d test; labels %s%n", data.samples().size(),
                data.channels(), data.height(), data.width(), data.split(Split.TRAIN).size(),
                data.split(Split.VAL).size(), data.split(Split.TEST).size(), data.labelNames());
        TrainingRun.Outcome outcome = new TrainingRun(config, checkpointsRoot, name, null, out).execute(data);
        writeCurves(outcome.folder());
        double seconds = (System.nanoTime() - t0) / 1e9;
        writeReport(config, data, outcome, seconds);
        return new Result(outcome, seconds);
    }

    /** Appends links to the {@code explain/} and {@code segment/} outputs of the run to its report. */
    public static void linkExplanations(RunFolder folder) {
        try {
            String report = java.nio.file.Files.readString(folder.resolve(REPORT));
            StringBuilder b = new StringBuilder(report).append("\n## Explanations and lesion segmentation\n\n");
            b.append("- attribution maps of 8 test images, their metrics and sanity check: [explain/report.html]"
                    + "(explain/report.html) (grid: `explain/grid.png`)\n");
            Path segment = folder.resolve("segment/summary.md");
            if (java.nio.file.Files.isRegularFile(segment)) {
                b.append("- segmentation of the test lesions from attribution maps (threshold chosen on the validation "
                        + "split for the best Dice), against the intensity-threshold baseline:\n\n");
                b.append(java.nio.file.Files.readString(segment).strip()).append("\n");
            }
            AtomicFiles.writeString(folder.resolve(REPORT), b.toString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("could not update " + folder.resolve(REPORT), e);
        }
    }

    private static void writeCurves(RunFolder folder) {
        CsvTable metrics = CsvTable.read(folder.resolve(RunFolder.METRICS));
        int epoch = metrics.header().indexOf("epoch");
        Map<String, double[][]> series = new LinkedHashMap<>();
        for (String column : List.of("train_loss", "val_loss", "val_auc")) {
            int c = metrics.header().indexOf(column);
            double[][] xy = new double[2][metrics.rows().size()];
            for (int r = 0; r < metrics.rows().size(); r++) {
                xy[0][r] = Double.parseDouble(metrics.rows().get(r).get(epoch));
                xy[1][r] = Double.parseDouble(metrics.rows().get(r).get(c));
            }
            series.put(column, xy);
        }
        LinePlot.write(folder.resolve(CURVES), "Training curves", "epoch", series);
    }

    private static void writeReport(RunConfig config, SampleSet data, TrainingRun.Outcome o, double seconds) {
        StringBuilder b = new StringBuilder("# xai4j quickstart report\n\n");
        b.append(String.format(Locale.ROOT, "Run folder `%s`, finished in %s.%n%n", o.folder().dir(),
                ProgressPrinter.duration(seconds)));
        b.append(String.format(Locale.ROOT, "- data: %s, %d images of %dx%dx%d, labels %s%n", config.data().source(),
                data.samples().size(), data.channels(), data.height(), data.width(), data.labelNames()));
        b.append(String.format(Locale.ROOT, "- model: %s (width x%s, blocks %s), %s loss, %d epochs trained, best epoch %d%n",
                config.model().architecture(), config.model().widthMultiplier(),
                config.model().blocks() == null ? "reference" : config.model().blocks(),
                config.train().loss(),
                o.result().state().epoch(),
                o.result().state().bestEpoch()));
        if (o.test() != null) {
            b.append("\n## Test split (best checkpoint, inference mode)\n\n| label | AUC | Youden threshold | accuracy | F1 |\n|---|---|---|---|---|\n");
            for (ClassMetrics c : o.test().report().perClass()) {
                b.append(String.format(Locale.ROOT, "| %s | %.4f | %.3f | %.4f | %.4f |%n", c.name(), c.auc(),
                        c.threshold(), c.accuracy(), c.f1()));
            }
            b.append("\n![ROC](eval-test/").append(Evaluation.ROC).append(")\n");
        }
        b.append("\n## Training\n\n![curves](").append(CURVES).append(")\n\nPer-epoch numbers: `")
                .append(RunFolder.METRICS).append("`. DL4J UI: `java -jar target/xai4j.jar ui --run ")
                .append(o.folder().dir()).append("`.\n");
        List<String> files = new ArrayList<>(List.of(RunFolder.CONFIG, RunFolder.PROVENANCE, RunFolder.METRICS,
                RunFolder.BEST, RunFolder.LAST, UiStatsListener.FILE, "eval-test/"));
        b.append("\nFiles: ").append(String.join(", ", files.stream().map(f -> "`" + f + "`").toList())).append(".\n");
        AtomicFiles.writeString(o.folder().resolve(REPORT), b.toString());
    }
}
