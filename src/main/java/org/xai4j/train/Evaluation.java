package org.xai4j.train;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.xai4j.config.RunConfig;
import org.xai4j.data.LabelTask;
import org.xai4j.data.SampleSet;
import org.xai4j.data.Split;
import org.xai4j.metrics.ClassMetrics;
import org.xai4j.metrics.ClassificationReport;
import org.xai4j.metrics.Predictions;
import org.xai4j.metrics.RocCurve;
import org.xai4j.model.Classifier;
import org.xai4j.model.ModelAdapter;
import org.xai4j.report.CsvTable;
import org.xai4j.report.RocPlot;
import org.xai4j.run.TrainedRun;

/**
 * {@code xai4j evaluate}: per-class ROC AUC, accuracy and F1 at the Youden threshold, a ROC curve PNG and a
 * CSV of per-image scores, for one split, in inference mode.
 */
public final class Evaluation {
    public static final String METRICS = "metrics.csv";
    public static final String SCORES = "scores.csv";
    public static final String ROC = "roc.png";

    private Evaluation() {
    }

    /**
     * @param split  the evaluated split
     * @param images number of images
     * @param report per-class and macro metrics
     * @param dir    folder the outputs were written to
     * @param checkpoint which checkpoint of a run was scored; null for a model evaluated in memory
     */
    public record Summary(Split split, int images, ClassificationReport report, Path dir, String checkpoint) {
        /** This summary, saying it scored checkpoint {@code name} of a run. */
        public Summary forCheckpoint(String name) {
            return new Summary(split, images, report, dir, name);
        }

        public String describe() {
            StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%s%s split (%d images): macro AUC %.4f, "
                    + "accuracy %.4f, F1 %.4f at the Youden threshold%n", checkpoint == null ? ""
                    : "checkpoint " + checkpoint + ", ", split.label(), images, report.macroAuc(),
                    report.macroAccuracy(), report.macroF1()));
            for (ClassMetrics c : report.perClass()) {
                b.append(String.format(Locale.ROOT, "  %-14s AUC %.4f  threshold %.3f  accuracy %.4f  F1 %.4f%n",
                        c.name(), c.auc(), c.threshold(), c.accuracy(), c.f1()));
            }
            b.append("  outputs: ").append(dir).append(" (").append(METRICS).append(", ").append(SCORES).append(", ")
                    .append(ROC).append(")\n");
            return b.toString();
        }
    }

    /**
     * Evaluates one checkpoint of a run ({@link org.xai4j.run.CheckpointChoice}) on a split of the run's own data;
     * writes {@code eval-<split>} (for {@code best}; {@code eval-<split>-<checkpoint>} otherwise).
     */
    public static Summary ofRun(Path runDir, String checkpoint, Split split) {
        TrainedRun run = TrainedRun.open(runDir, checkpoint);
        return evaluate(run.classifier(), run.data(), split, run.config(), run.outputDir("eval-" + split.label()))
                .forCheckpoint(run.choice().label());
    }

    public static Summary evaluate(Classifier classifier, SampleSet data, Split split, RunConfig config, Path outDir) {
        var samples = data.split(split);
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("the " + split.label() + " split is empty");
        }
        Predictions p = Predictor.predict(new ModelAdapter(classifier),
                Batching.fixedOrder(samples, config));
        boolean softmax = data.task() == LabelTask.MULTI_CLASS;
        double[][] scores = p.scores(softmax);
        int[][] labels = new int[p.size()][];
        for (int i = 0; i < p.size(); i++) {
            labels[i] = new int[p.numLabels()];
            for (int k = 0; k < p.numLabels(); k++) {
                double y = p.labels()[i][k];
                labels[i][k] = Double.isNaN(y) ? ClassificationReport.UNKNOWN : y > 0.5 ? 1 : 0;
            }
        }
        ClassificationReport report = ClassificationReport.of(data.task(), data.labelNames(), scores, labels);
        writeMetrics(outDir.resolve(METRICS), report);
        writeScores(outDir.resolve(SCORES), data.labelNames(), p, scores);
        Map<String, RocCurve> curves = new LinkedHashMap<>();
        for (int k = 0; k < p.numLabels(); k++) {
            curves.put(data.labelNames().get(k), RocCurve.of(Predictions.column(scores, k), p.labelColumn(k)));
        }
        RocPlot.write(outDir.resolve(ROC), curves);
        return new Summary(split, p.size(), report, outDir, null);
    }

    private static void writeMetrics(Path file, ClassificationReport report) {
        List<List<Object>> rows = new ArrayList<>();
        for (ClassMetrics c : report.perClass()) {
            rows.add(List.of(c.name(), c.auc(), c.threshold(), c.accuracy(), c.f1(), c.atThreshold().sensitivity(),
                    c.atThreshold().specificity(), c.positives(), c.negatives()));
        }
        rows.add(List.of("macro", report.macroAuc(), "", report.macroAccuracy(), report.macroF1(), "", "", "", ""));
        CsvTable.write(file, List.of("label", "auc", "youden_threshold", "accuracy", "f1", "sensitivity",
                "specificity", "positives", "negatives"), rows);
    }

    private static void writeScores(Path file, List<String> names, Predictions p, double[][] scores) {
        List<String> header = new ArrayList<>(List.of("id"));
        names.forEach(n -> header.add("label_" + n));
        names.forEach(n -> header.add("score_" + n));
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < p.size(); i++) {
            List<Object> row = new ArrayList<>(List.of(p.ids().get(i)));
            for (int k = 0; k < names.size(); k++) {
                row.add(p.labelColumn(k)[i]);
            }
            for (int k = 0; k < names.size(); k++) {
                row.add(scores[i][k]);
            }
            rows.add(row);
        }
        CsvTable.write(file, header, rows);
    }
}
