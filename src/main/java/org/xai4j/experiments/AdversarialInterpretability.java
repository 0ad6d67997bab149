package org.xai4j.experiments;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.xai4j.adversarial.AttackMethod;
import org.xai4j.adversarial.AttackOptions;
import org.xai4j.adversarial.Norm;
import org.xai4j.config.ConfigLoader;
import org.xai4j.config.RunConfig;
import org.xai4j.data.DataSources;
import org.xai4j.data.Sample;
import org.xai4j.data.SampleSet;
import org.xai4j.data.Split;
import org.xai4j.model.Classifier;
import org.xai4j.model.InputShape;
import org.xai4j.report.CsvTable;
import org.xai4j.robustness.RobustEvaluation;
import org.xai4j.robustness.RobustnessPoint;
import org.xai4j.run.Checkpoint;
import org.xai4j.run.RunFolder;
import org.xai4j.util.AtomicFiles;

/**
 * {@code xai4j experiment adversarial-interpretability}: does adversarial training make gradient saliency sharper
 * and more lesion-centred (Margeloiu et al. 2020; Khakzar et al., MICCAI 2019), and does fine-tuning the last layer
 * groups of a robust model recover accuracy while keeping most of that sharpness? On the synthetic brain slices it
 * trains a standard model, PGD-L2 models at several epsilons (Madry et al. 2018), FGSM on half of each batch
 * starting from the converged standard model (Khakzar's recipe), and the middle PGD model fine-tuned with standard
 * training on its last 2 and last 3 layer groups (Margeloiu's recipe: early stopping on validation loss with
 * patience 10, learning rate / 10 after 5 epochs without improvement). Each model's best checkpoint is scored on
 * the test split: clean AUC, AUC under a PGD-L2 attack (inference mode), and the gradient saliency of the
 * pathological score against the lesion masks (share of saliency mass inside the lesion, pixel AUROC). Writes
 * {@code out/results.csv}, {@code saliency.png} and the table in the folder's README (in quick mode
 * {@code out/saliency.png} and {@code out/table.md}, leaving the tracked files alone). One seed per invocation.
 */
public final class AdversarialInterpretability implements Experiment {
    private static final com.sun.management.OperatingSystemMXBean CPU =
            (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    public static final String NAME = "adversarial-interpretability";
    public static final String CONFIG = "config.yaml";
    public static final String RESULTS = "results.csv";
    public static final String FIGURE = "saliency.png";
    /** PGD-L2 training epsilons (per 50,000 pixels, scaled to the image size). */
    static final double[] PGD_EPSILONS = {2, 8, 32};
    /** The robust model the fine-tuned variants start from. */
    static final String ROBUST_SOURCE = "pgd-l2-eps8";
    /** Rows of the saliency figure. */
    static final int FIGURE_ROWS = 6;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Standard vs PGD-L2 vs FGSM-mixed vs robust + fine-tuned models on the synthetic brain slices: clean "
                + "and robust AUC, gradient-saliency quality against the lesion masks; writes out/results.csv, "
                + "saliency.png and the README table.";
    }

    @Override
    public List<Variant> variants() {
        return defaultVariants();
    }

    @Override
    public Outcome run(ExperimentRequest request) {
        Result r = measure(request);
        return new Outcome(r.out(), String.format(Locale.ROOT, "%d models in %.1f min (%.1f min of CPU time): %s, "
                + "%s and the table", r.rows().size(), r.seconds() / 60, r.cpuSeconds() / 60, r.out().resolve(RESULTS),
                figureLink(request.quick())));
    }

    /**
     * @param name         variant
     * @param description  what it is
     * @param epochs       epochs trained
     * @param trainSeconds wall time of its training epochs (the sum of the run's metrics.csv {@code seconds})
     * @param clean        test performance without attack
     * @param robust       test performance under {@link #evaluationAttack}
     * @param saliency     gradient saliency against the lesion masks
     */
    record Row(String name, String description, int epochs, double trainSeconds, RobustnessPoint clean,
               RobustnessPoint robust, SaliencyQuality.Result saliency) {
    }

    /**
     * @param rows    one per model
     * @param seconds    wall time of the whole experiment
     * @param cpuSeconds process CPU time it used (all threads)
     * @param out     the outputs folder
     */
    public record Result(List<Row> rows, double seconds, double cpuSeconds, Path out) {
    }

    /**
     * The models of the experiment, in table order. PGD variants train with {@code steps} steps of
     * {@code relativeStep * eps}.
     */
    static List<Variant> defaultVariants() {
        List<Variant> v = new ArrayList<>();
        v.add(new Variant("standard", "standard training", List.of()));
        for (double e : PGD_EPSILONS) {
            v.add(new Variant("pgd-l2-eps" + (int) e, String.format(Locale.ROOT, "PGD-L2 Madry, eps %s per 50k px", e),
                    List.of("train.adversarial.mode=madry", "train.adversarial.attack.method=pgd",
                            "train.adversarial.attack.norm=l2", "train.adversarial.attack.epsilon=" + e,
                            "train.epochs=5")));
        }
        v.add(new Variant("fgsm-mixed", "standard, then FGSM-Linf 0.005 on half of each batch", List.of(
                "train.finetune.from={runs}/standard/best.ckpt", "train.adversarial.mode=mixed",
                "train.adversarial.attack.method=fgsm", "train.adversarial.attack.norm=linf",
                "train.adversarial.attack.epsilon=0.005", "train.epochs=3", "train.optimizer=sgd", "train.lr=0.01",
                "train.momentum=0.9", "train.earlyStopping.metric=val_loss", "train.schedule.type=none")));
        List<String> finetune = List.of("train.finetune.from={runs}/" + ROBUST_SOURCE + "/best.ckpt",
                "train.epochs=4", "train.lr=0.0005", "train.earlyStopping.metric=val_loss",
                "train.earlyStopping.patience=10", "train.schedule.type=plateau", "train.schedule.factor=0.1",
                "train.schedule.patience=5");
        v.add(new Variant("robust-ft-last2", ROBUST_SOURCE + ", last 2 groups fine-tuned (stage4, head)",
                concat(finetune, "train.finetune.freeze=[stem+stage1, stage2, stage3]")));
        v.add(new Variant("robust-ft-last3", ROBUST_SOURCE + ", last 3 groups fine-tuned (stage3, stage4, head)",
                concat(finetune, "train.finetune.freeze=[stem+stage1, stage2]")));
        return v;
    }

    /** The attack of the "robust AUC" column: PGD-L2, eps 8 per 50k pixels, 7 steps of eps/5, worst iterate. */
    static AttackOptions evaluationAttack(boolean quick) {
        return new AttackOptions(AttackMethod.PGD, Norm.L2, 8.0, null, null, quick ? 2 : 7, null, null, null, null,
                true, null);
    }

    /**
     * Runs the experiment in the request's folder (which holds {@value #CONFIG} and README.md): quick mode shrinks
     * everything (tiny images, one epoch) to check the pipeline in seconds.
     */
    public Result measure(ExperimentRequest request) {
        Path folder = request.folder();
        boolean quick = request.quick();
        PrintStream log = request.out();
        long t0 = System.nanoTime();
        long cpu0 = CPU.getProcessCpuTime();
        List<String> scale = new ArrayList<>(quick ? List.of("data.synthetic.size=32", "data.synthetic.train=48",
                "data.synthetic.val=16", "data.synthetic.test=24", "train.batchSize=16", "model.widthMultiplier=0.125",
                "train.adversarial.attack.steps=1") : List.of());
        scale.addAll(request.overrides());
        scale.addAll(request.singleSeedOverride(NAME));
        RunConfig base = ConfigLoader.load(folder.resolve(CONFIG), RunConfig.class, scale);
        Path out = request.outDir();
        Path runs = out.resolve("runs");
        SampleSet data = DataSources.load(base.data(), Path.of("."));
        List<Row> rows = new ArrayList<>();
        List<Sample> test = data.split(Split.TEST);
        List<Sample> lesions = SaliencyQuality.lesionImages(test);
        InputShape shape = new InputShape(data.channels(), data.depth(), data.height(), data.width());
        AttackOptions attack = evaluationAttack(quick);
        log.println("robust AUC under " + attack.describe(shape));
        for (Variant v : request.variants()) {
            List<String> overrides = new ArrayList<>(scale);
            overrides.addAll(v.resolved(runs));
            if (quick) {
                overrides.add("train.epochs=1");
            }
            RunConfig config = ConfigLoader.load(folder.resolve(CONFIG), RunConfig.class, overrides);
            Path best = runs.resolve(v.name()).resolve(RunFolder.BEST);
            log.println("== " + v.name() + ": " + v.description());
            ExperimentRuns.trainUnlessDone(config, data, runs, v.name(), request.reuse(), log);
            double seconds = ExperimentRuns.trainingSeconds(runs.resolve(v.name()));
            Checkpoint checkpoint = Checkpoint.load(best);
            Classifier c = checkpoint.classifier();
            List<RobustnessPoint> points = RobustEvaluation.measure(c, data, test, base, attack,
                    List.of(attack.epsilon()));
            SaliencyQuality.Result saliency = SaliencyQuality.measure(c, lesions, base);
            Row row = new Row(v.name(), v.description(), checkpoint.state().epoch(), seconds, points.get(0),
                    points.get(1), saliency);
            log.printf(Locale.ROOT, "%s: clean AUC %.3f, robust AUC %.3f, mass in lesion %.3f, pixel AUROC %.3f%n",
                    v.name(), row.clean().auc(), row.robust().auc(), saliency.massInLesion(), saliency.pixelAuroc());
            rows.add(row);
        }
        double total = (System.nanoTime() - t0) / 1e9;
        double cpu = (CPU.getProcessCpuTime() - cpu0) / 1e9;
        writeCsv(out.resolve(RESULTS), rows);
        List<Sample> shown = lesions.subList(0, Math.min(FIGURE_ROWS, lesions.size()));
        SaliencyFigure.write(folder.resolve(figureLink(quick)), shown, rows.stream().map(Row::name).toList(),
                rows.stream().map(r -> r.saliency().maps().subList(0, shown.size())).toList());
        String table = table(rows, attack, shape, data, lesions.size(), total, cpu, quick);
        if (quick) {
            AtomicFiles.writeString(out.resolve("table.md"), table);
        } else {
            ReadmeTable.replace(folder.resolve("README.md"), table);
        }
        return new Result(rows, total, cpu, out);
    }

    static String table(List<Row> rows, AttackOptions attack, InputShape shape, SampleSet data, int lesionImages,
                        double seconds, double cpuSeconds, boolean quick) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "Test split: %d images (%d with lesions for the saliency columns), %s. "
                        + "Robust AUC/accuracy under %s (inference mode). Generated %s in %s wall time (%s of process CPU "
                        + "time) on %d cores%s.%n%n",
                data.split(Split.TEST).size(), lesionImages, shape, attack.describe(shape), LocalDate.now(),
                duration(seconds), duration(cpuSeconds), Runtime.getRuntime().availableProcessors(),
                quick ? " (QUICK MODE: not a result)" : ""));
        b.append("| model | what | epochs (best) | clean AUC | robust AUC | clean acc. | robust acc. "
                + "| saliency mass in lesion | saliency pixel AUROC | train time |\n");
        b.append("|---|---|---|---|---|---|---|---|---|---|\n");
        for (Row r : rows) {
            b.append(String.format(Locale.ROOT, "| %s | %s | %d | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f | %s |%n",
                    r.name(), r.description(), r.epochs(), r.clean().auc(), r.robust().auc(), r.clean().accuracy(),
                    r.robust().accuracy(), r.saliency().massInLesion(), r.saliency().pixelAuroc(),
                    duration(r.trainSeconds())));
        }
        b.append("\n![saliency](").append(figureLink(quick)).append(")\n");
        return b.toString();
    }

    /**
     * Where the figure goes, relative to the experiment folder: beside the README (kept in the repository with the
     * table it illustrates) for a real run, under the ignored {@code out/} for a quick one.
     */
    static String figureLink(boolean quick) {
        return quick ? "out/quick/" + FIGURE : FIGURE;
    }

    private static void writeCsv(Path file, List<Row> rows) {
        List<List<Object>> cells = new ArrayList<>();
        for (Row r : rows) {
            cells.add(List.of(r.name(), r.epochs(), r.clean().auc(), r.robust().auc(), r.clean().accuracy(),
                    r.robust().accuracy(), r.robust().radius(), r.saliency().massInLesion(), r.saliency().pixelAuroc(),
                    r.trainSeconds()));
        }
        CsvTable.write(file, List.of("model", "best_epoch", "clean_auc", "robust_auc", "clean_accuracy",
                "robust_accuracy", "attack_radius", "saliency_mass_in_lesion", "saliency_pixel_auroc",
                "train_seconds"), cells);
    }

    static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 60 ? String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60) : s + " s";
    }

    private static List<String> concat(List<String> a, String b) {
        List<String> out = new ArrayList<>(a);
        out.add(b);
        return out;
    }
}
