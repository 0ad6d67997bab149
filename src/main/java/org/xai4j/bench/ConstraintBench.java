package org.xai4j.bench;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.constraint.ConstrainedStep;
import org.xai4j.constraint.ConstraintOptions;
import org.xai4j.constraint.Constraints;
import org.xai4j.data.Batch;
import org.xai4j.data.LabelTask;
import org.xai4j.loss.LogitLoss;
import org.xai4j.loss.WeightedBce;
import org.xai4j.model.BuiltModel;
import org.xai4j.model.Classifier;
import org.xai4j.model.InputShape;
import org.xai4j.model.ModelAdapter;
import org.xai4j.model.ModelOptions;
import org.xai4j.model.ModelRegistry;
import org.xai4j.model.ParameterSnapshot;
import org.xai4j.perf.Timing;
import org.xai4j.report.CsvTable;
import org.xai4j.step.StandardStep;
import org.xai4j.step.TrainingStep;

/**
 * Cost and accuracy of the attribution constraint: the wall time of a constrained training step (gradient by
 * finite-difference or exact Hessian-vector products, METHODS.md 2.1, plus the optimiser update) divided by that of a
 * standard step, measured in one run on the same batch, interleaved round by round so that load on a shared machine
 * affects both alike; and the relative error of each variant's term gradient against the exact engine's on a
 * double-precision copy of the model (same batch). The parameters are restored after every timed step (outside the
 * timing), so every round sees the same model.
 */
public final class ConstraintBench {
    private ConstraintBench() {
    }

    public static List<ConstraintCost> run(ConstraintBenchOptions o, PrintStream progress) {
        InputShape shape = new InputShape(1, o.size(), o.size());
        BuiltModel built = ModelRegistry.build(new ModelOptions(o.model(), o.widthMultiplier(), o.blocks(), 0.0), shape,
                1, 1234, DataType.FLOAT);
        ModelAdapter adapter = new ModelAdapter(Classifier.create(built));
        ModelAdapter reference = new ModelAdapter(Classifier.create(ModelRegistry.build(built.description().options(),
                shape, 1, 1234, DataType.DOUBLE)));
        reference.graph().params().assign(adapter.graph().params().castTo(DataType.DOUBLE));
        Batch batch = batch(o);
        LogitLoss loss = WeightedBce.plain(1);
        List<String> names = new ArrayList<>();
        List<TrainingStep> steps = new ArrayList<>();
        List<TrainingStep> exact = new ArrayList<>();
        names.add("standard");
        steps.add(new StandardStep(loss));
        for (String m : o.attributions()) {
            for (ConstraintOptions.Difference d : o.differences()) {
                names.add(m + "/" + d.name().toLowerCase(Locale.ROOT));
                steps.add(Constraints.step(options(m, d), loss, List.of("pathological"), LabelTask.BINARY, 1, 7));
                exact.add(Constraints.step(options(m, ConstraintOptions.Difference.EXACT), loss,
                        List.of("pathological"), LabelTask.BINARY, 1, 7));
            }
        }
        int[] passes = new int[steps.size()];
        double[][] t = new double[steps.size()][o.iterations()];
        for (int round = -o.warmup(); round < o.iterations(); round++) {
            for (int s = 0; s < steps.size(); s++) {
                double seconds = time(adapter, steps.get(s), batch);
                if (round >= 0) {
                    t[s][round] = seconds;
                }
            }
        }
        List<ConstraintCost> out = new ArrayList<>();
        double standard = Timing.median(t[0]);
        for (int s = 1; s < steps.size(); s++) {
            double[] ratios = new double[o.iterations()];
            for (int i = 0; i < ratios.length; i++) {
                ratios[i] = t[s][i] / t[0][i];
            }
            String[] parts = names.get(s).split("/");
            ConstraintCost c = new ConstraintCost(parts[0], parts[1], termPasses(steps.get(s), adapter, batch),
                    standard, Timing.median(t[s]), Timing.median(ratios),
                    relativeError(steps.get(s), adapter, exact.get(s - 1), reference, batch));
            progress.printf(Locale.ROOT, "%-12s %-8s %2d term passes  standard %.3f s  constrained %.3f s  ratio %.2f  "
                            + "relative error %.1e%n", c.attribution(), c.difference(), c.passes(), c.standardSeconds(),
                    c.constrainedSeconds(), c.ratio(), c.relativeError());
            out.add(c);
        }
        return out;
    }

    public static void write(Path file, ConstraintBenchOptions o, List<ConstraintCost> results) {
        List<List<Object>> rows = new ArrayList<>();
        for (ConstraintCost c : results) {
            rows.add(List.of(o.model(), o.widthMultiplier(), o.blocks() == null ? "reference" : o.blocks().toString(),
                    "1x" + o.size() + "x" + o.size(), o.batch(), o.healthy(), c.attribution(), c.difference(),
                    c.passes(), c.standardSeconds(), c.constrainedSeconds(), c.ratio(), c.relativeError(), o.iterations(),
                    Runtime.getRuntime().availableProcessors()));
        }
        CsvTable.write(file, List.of("model", "width", "blocks", "input", "batch", "healthy_share", "attribution",
                "difference", "term_passes", "standard_step_s", "constrained_step_s", "ratio", "relative_error", "rounds",
                "cores"), rows);
    }

    private static ConstraintOptions options(String m, ConstraintOptions.Difference d) {
        return new ConstraintOptions(true, 1.0, 0.0, m, null, null, null, null, null, null, null, null, null, 4, d,
                null, null);
    }

    /**
     * The term's gradient {@code dL_attr/dtheta} against the exact engine's on the double copy:
     * {@code |g - g_ref| / |g_ref|}. Both see the same batch, attribution points and dropout seeds.
     */
    private static double relativeError(TrainingStep step, ModelAdapter adapter, TrainingStep exact,
                                        ModelAdapter reference, Batch batch) {
        INDArray term = ((ConstrainedStep) step).term(adapter, batch).parameterGradient().castTo(DataType.DOUBLE);
        INDArray ref = ((ConstrainedStep) exact).term(reference, batch).parameterGradient();
        return term.sub(ref).norm2Number().doubleValue() / ref.norm2Number().doubleValue();
    }

    private static int termPasses(TrainingStep step, ModelAdapter adapter, Batch batch) {
        return step instanceof ConstrainedStep c ? c.lastPasses() : 0;
    }

    /** One step: gradient and the optimiser update as the training loop applies them; parameters restored after. */
    private static double time(ModelAdapter adapter, TrainingStep step, Batch batch) {
        try (ParameterSnapshot ignored = adapter.snapshot()) {
            long t0 = System.nanoTime();
            var g = step.compute(adapter, batch).gradient();
            adapter.graph().getUpdater().update(g, 0, 0, batch.size(), LayerWorkspaceMgr.noWorkspaces());
            adapter.graph().params().subi(g.gradient());
            return (System.nanoTime() - t0) / 1e9;
        }
    }

    /** Random images, the first {@code healthy * batch} labelled healthy, the rest pathological. */
    private static Batch batch(ConstraintBenchOptions o) {
        Nd4j.getRandom().setSeed(42);
        INDArray x = Nd4j.rand(DataType.FLOAT, o.batch(), 1, o.size(), o.size());
        INDArray y = Nd4j.ones(DataType.FLOAT, o.batch(), 1);
        int healthy = (int) Math.round(o.healthy() * o.batch());
        for (int i = 0; i < healthy; i++) {
            y.putScalar(i, 0, 0.0);
        }
        return new Batch(x, y, null, List.of());
    }
}
