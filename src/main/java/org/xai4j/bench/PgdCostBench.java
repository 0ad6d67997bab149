package org.xai4j.bench;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.adversarial.AdversarialStep;
import org.xai4j.adversarial.AttackMethod;
import org.xai4j.adversarial.AttackOptions;
import org.xai4j.adversarial.Attacks;
import org.xai4j.adversarial.Norm;
import org.xai4j.data.Batch;
import org.xai4j.loss.BetaMode;
import org.xai4j.loss.WeightedBce;
import org.xai4j.model.Classifier;
import org.xai4j.model.InputShape;
import org.xai4j.model.ModelAdapter;
import org.xai4j.model.ModelOptions;
import org.xai4j.perf.Timing;
import org.xai4j.report.CsvTable;
import org.xai4j.step.StandardStep;
import org.xai4j.step.TrainingStep;

/**
 * {@code xai4j bench pgd}: the cost of a PGD-k adversarial training step (Madry mode, weighted BCE, the default
 * attack settings) divided by the cost of a standard step, measured in one run on the same batch with interleaved
 * repetitions (so load on a shared machine affects both alike). Each timed step is the whole training step:
 * attack, forward, backward and the DL4J update. Each repetition times a standard step right before each PGD-k step;
 * the reported ratio is the median over repetitions of these paired ratios (robust to load that drifts), next to
 * the same ratio of process CPU time (less sensitive to other processes on a shared machine).
 */
public final class PgdCostBench {
    private PgdCostBench() {
    }

    public static List<PgdCostResult> run(PgdCostOptions o, PrintStream progress) {
        InputShape shape = new InputShape(1, o.size(), o.size());
        Classifier c = Classifier.build(new ModelOptions(o.model(), o.widthMultiplier(), o.blocks(), 0.0), shape, 1,
                1234, DataType.FLOAT);
        ModelAdapter adapter = new ModelAdapter(c);
        Nd4j.getRandom().setSeed(7);
        INDArray x = Nd4j.rand(DataType.FLOAT, o.batch(), 1, o.size(), o.size());
        double[][] y = new double[o.batch()][1];
        for (int i = 0; i < y.length; i++) {
            y[i][0] = i % 2;
        }
        Batch batch = new Batch(x, Nd4j.createFromArray(y).castTo(DataType.FLOAT), null,
                java.util.Collections.nCopies(o.batch(), "bench"));
        WeightedBce loss = WeightedBce.weighted(BetaMode.BATCH, new double[] {1.0});
        TrainingStep standard = new StandardStep(loss);
        List<TrainingStep> pgd = new ArrayList<>();
        for (int k : o.steps()) {
            AttackOptions a = new AttackOptions(AttackMethod.PGD, o.norm().equals("l2") ? Norm.L2 : Norm.LINF, null,
                    null, null, k, null, null, null, null, o.keepBest(), null);
            pgd.add(new AdversarialStep(Attacks.create(a, loss, shape), 1.0, false, false, standard, 1));
        }
        int reps = o.repetitions();
        double[][] std = new double[pgd.size()][reps];
        double[][] adv = new double[pgd.size()][reps];
        double[][] stdCpu = new double[pgd.size()][reps];
        double[][] advCpu = new double[pgd.size()][reps];
        for (int r = -o.warmup(); r < reps; r++) {
            for (int i = 0; i < pgd.size(); i++) {
                double[] s = StepTiming.run(adapter, standard, batch);
                double[] p = StepTiming.run(adapter, pgd.get(i), batch);
                if (r >= 0) {
                    std[i][r] = s[0];
                    stdCpu[i][r] = s[1];
                    adv[i][r] = p[0];
                    advCpu[i][r] = p[1];
                }
            }
        }
        List<PgdCostResult> results = new ArrayList<>();
        for (int i = 0; i < pgd.size(); i++) {
            double[] ratios = new double[reps];
            double[] cpuRatios = new double[reps];
            for (int r = 0; r < reps; r++) {
                ratios[r] = adv[i][r] / std[i][r];
                cpuRatios[r] = advCpu[i][r] / stdCpu[i][r];
            }
            PgdCostResult res = new PgdCostResult(o.steps().get(i), Timing.median(std[i]), Timing.median(adv[i]),
                    Timing.median(ratios), Timing.median(cpuRatios));
            progress.printf(Locale.ROOT, "PGD-%d (%s%s): %.3f s per step vs standard %.3f s: ratio %.2f (process CPU "
                            + "time %.2f), target <= %.2f: %s%n", res.steps(), o.norm(), o.keepBest() ? ", keep best" : "",
                    res.pgdSeconds(), res.standardSeconds(), res.ratio(), res.cpuRatio(), res.target(),
                    res.withinTarget() ? "ok" : "OVER");
            results.add(res);
        }
        return results;
    }

    public static void write(Path file, PgdCostOptions o, List<PgdCostResult> results) {
        List<List<Object>> rows = new ArrayList<>();
        for (PgdCostResult r : results) {
            rows.add(List.of(o.model(), o.widthMultiplier(), o.blocks() == null ? "reference" : o.blocks().toString(),
                    "1x" + o.size() + "x" + o.size(), o.batch(), o.norm(), o.keepBest(), r.steps(),
                    r.standardSeconds(), r.pgdSeconds(), r.ratio(), r.cpuRatio(), r.target(), r.withinTarget(), o.repetitions(),
                    Runtime.getRuntime().availableProcessors()));
        }
        CsvTable.write(file, List.of("model", "width", "blocks", "input", "batch", "norm", "keep_best", "steps",
                "standard_step_s", "pgd_step_s", "ratio", "cpu_ratio", "target", "within_target", "repetitions", "cores"), rows);
    }
}
