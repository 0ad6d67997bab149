package org.xai4j.robustness;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.xai4j.adversarial.AdversarialStep;
import org.xai4j.adversarial.Attack;
import org.xai4j.adversarial.AttackOptions;
import org.xai4j.adversarial.Attacks;
import org.xai4j.adversarial.TargetLabels;
import org.xai4j.config.RunConfig;
import org.xai4j.data.Batch;
import org.xai4j.data.LabelTask;
import org.xai4j.data.Sample;
import org.xai4j.data.SampleSet;
import org.xai4j.data.Split;
import org.xai4j.loss.LogitLoss;
import org.xai4j.metrics.BinaryMetrics;
import org.xai4j.metrics.ClassMetrics;
import org.xai4j.metrics.ClassificationReport;
import org.xai4j.metrics.Predictions;
import org.xai4j.model.Classifier;
import org.xai4j.model.InputShape;
import org.xai4j.model.Mode;
import org.xai4j.model.ModelAdapter;
import org.xai4j.report.CsvTable;
import org.xai4j.report.LinePlot;
import org.xai4j.run.TrainedRun;
import org.xai4j.train.Batching;
import org.xai4j.train.TrainingRun;

/**
 * {@code xai4j evaluate --attack ...}: clean and robust AUC and accuracy of a trained model over a list of
 * epsilons (Madry et al. 2018's robustness curves). The attack runs in {@link Mode#INFERENCE} (running statistics,
 * gradients through the BN-folded twin, DESIGN.md decision 4) and increases the run's own training loss (weighted
 * BCE, BCE or softmax CE); accuracy keeps the clean decision rule (the clean Youden threshold of each label), so a
 * robust model is one whose decisions do not flip. Writes {@value #CSV} and {@value #PNG}.
 */
public final class RobustEvaluation {
    public static final String CSV = "robustness.csv";
    public static final String PNG = "robustness.png";

    private RobustEvaluation() {
    }

    /**
     * @param attack what was run
     * @param points one per epsilon, the clean one (epsilon 0) first
     * @param dir    folder of the CSV and the plot
     */
    public record Result(String attack, List<RobustnessPoint> points, Path dir) {
        public String describe() {
            StringBuilder b = new StringBuilder(attack + "\n");
            b.append(String.format(Locale.ROOT, "  %10s %10s %8s %9s%n", "epsilon", "radius", "AUC", "accuracy"));
            for (RobustnessPoint p : points) {
                b.append(String.format(Locale.ROOT, "  %10.4g %10.4g %8.4f %9.4f%n", p.epsilon(), p.radius(), p.auc(),
                        p.accuracy()));
            }
            return b.append("  outputs: ").append(dir).append(" (").append(CSV).append(", ").append(PNG).append(")\n")
                    .toString();
        }
    }

    /**
     * Attacks one checkpoint of a run ({@link org.xai4j.run.CheckpointChoice}) on a split of the run's data; writes
     * {@code eval-<split>-<attack>-<norm>} (for {@code best}; with {@code -<checkpoint>} appended otherwise).
     */
    public static Result ofRun(Path runDir, String checkpoint, Split split, AttackOptions attack,
                               List<Double> epsilons) {
        TrainedRun run = TrainedRun.open(runDir, checkpoint);
        Classifier classifier = run.classifier();
        RunConfig config = run.config();
        SampleSet data = run.data();
        Path dir = run.outputDir("eval-" + split.label() + "-" + attack.method().label() + "-" + attack.norm().label());
        List<RobustnessPoint> points = measure(classifier, data, data.split(split), config, attack, epsilons);
        write(dir, attack.describe(shape(data)), points);
        return new Result("checkpoint " + run.choice().label() + ", " + attack.describe(shape(data)), points, dir);
    }

    /**
     * Clean and robust performance on {@code samples} (batched and normalised as the run's validation data).
     *
     * @param epsilons attack strengths in the attack's scale; 0 (clean) is added when missing
     */
    public static List<RobustnessPoint> measure(Classifier classifier, SampleSet data, List<Sample> samples,
                                                RunConfig config, AttackOptions attack, List<Double> epsilons) {
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("nothing to evaluate: the split is empty");
        }
        List<Double> eps = new ArrayList<>();
        eps.add(0.0);
        epsilons.stream().filter(e -> e != 0.0).sorted().distinct().forEach(eps::add);
        ModelAdapter adapter = new ModelAdapter(classifier);
        LogitLoss loss = TrainingRun.loss(config, data, data.split(Split.TRAIN));
        boolean softmax = data.task() == LabelTask.MULTI_CLASS;
        Predictions clean = predict(adapter, Batching.fixedOrder(samples, config), null, false, config.seed(), softmax);
        ClassificationReport cleanReport = report(data, clean, softmax);
        List<RobustnessPoint> points = new ArrayList<>();
        for (double e : eps) {
            AttackOptions o = attack.withEpsilon(e);
            Predictions p = e == 0 ? clean : predict(adapter, Batching.fixedOrder(samples, config),
                    Attacks.create(o, loss, shape(data)), o.targeted(), config.seed(), softmax);
            ClassificationReport r = report(data, p, softmax);
            double accuracy = softmax ? r.top1Accuracy() : accuracyAtCleanThresholds(p, cleanReport);
            points.add(new RobustnessPoint(e, o.radius(shape(data)), r.macroAuc(), accuracy));
        }
        return points;
    }

    /** Writes the CSV and the AUC/accuracy-versus-epsilon plot. */
    public static void write(Path dir, String title, List<RobustnessPoint> points) {
        List<List<Object>> rows = new ArrayList<>();
        double[][] auc = new double[2][points.size()];
        double[][] acc = new double[2][points.size()];
        for (int i = 0; i < points.size(); i++) {
            RobustnessPoint p = points.get(i);
            rows.add(List.of(p.epsilon(), p.radius(), p.auc(), p.accuracy()));
            auc[0][i] = p.epsilon();
            auc[1][i] = p.auc();
            acc[0][i] = p.epsilon();
            acc[1][i] = p.accuracy();
        }
        CsvTable.write(dir.resolve(CSV), List.of("epsilon", "radius", "auc", "accuracy"), rows);
        Map<String, double[][]> series = new LinkedHashMap<>();
        series.put("AUC", auc);
        series.put("accuracy", acc);
        LinePlot.write(dir.resolve(PNG), title, "epsilon", series);
    }

    private static Predictions predict(ModelAdapter adapter, Iterator<Batch> batches, Attack attack, boolean targeted,
                                       long seed, boolean softmax) {
        List<String> ids = new ArrayList<>();
        List<double[]> logits = new ArrayList<>();
        List<double[]> labels = new ArrayList<>();
        long index = 0;
        while (batches.hasNext()) {
            Batch b = batches.next();
            var x = b.features();
            if (attack != null) {
                var y = targeted ? TargetLabels.flipped(b.labels(), softmax) : b.labels();
                x = attack.perturb(adapter, x, y, Mode.INFERENCE, AdversarialStep.mix(seed, index++));
            }
            ids.addAll(b.ids());
            logits.addAll(List.of(adapter.logits(x, Mode.INFERENCE).toDoubleMatrix()));
            labels.addAll(List.of(b.labels().toDoubleMatrix()));
        }
        return new Predictions(ids, logits.toArray(double[][]::new), labels.toArray(double[][]::new));
    }

    private static ClassificationReport report(SampleSet data, Predictions p, boolean softmax) {
        return ClassificationReport.of(data.task(), data.labelNames(), p.scores(softmax), binary(p));
    }

    /** Mean over labels of the accuracy at each label's clean Youden threshold. */
    private static double accuracyAtCleanThresholds(Predictions p, ClassificationReport clean) {
        double[][] scores = p.scores(false);
        double sum = 0;
        int n = 0;
        for (int k = 0; k < p.numLabels(); k++) {
            ClassMetrics c = clean.perClass().get(k);
            double a = BinaryMetrics.at(Predictions.column(scores, k), p.labelColumn(k), c.threshold()).accuracy();
            if (!Double.isNaN(a)) {
                sum += a;
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    private static int[][] binary(Predictions p) {
        int[][] y = new int[p.size()][p.numLabels()];
        for (int i = 0; i < p.size(); i++) {
            for (int k = 0; k < p.numLabels(); k++) {
                double label = p.labels()[i][k];
                y[i][k] = Double.isNaN(label) ? org.xai4j.metrics.ClassificationReport.UNKNOWN : label > 0.5 ? 1 : 0;
            }
        }
        return y;
    }

    private static InputShape shape(SampleSet data) {
        return new InputShape(data.channels(), data.depth(), data.height(), data.width());
    }
}
