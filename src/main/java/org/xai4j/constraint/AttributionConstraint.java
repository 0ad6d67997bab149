package org.xai4j.constraint;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.engine.ActivationSwitches;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.model.Backward;
import org.xai4j.model.Mode;
import org.xai4j.model.ModelAdapter;
import org.xai4j.model.Target;
import org.xai4j.secondorder.InputDirectionHvp;

/**
 * Value and weight gradient of the attribution constraint {@code L_attr(theta) = AttributionLoss(A(theta))} on one
 * sub-batch of constrained images, with {@code A = sum_j M_j * g(x'_j)}, {@code g = dS/dx} and {@code S} the batch
 * sum of the pathological score (Wargnier-Dauchelle et al., IEEE TMI 2023).
 *
 * <h2>The function</h2>
 * Every pass runs the live graph in {@link Mode#TRAINING} on the <b>sub-batch alone</b> (the constrained images, or a
 * path point of them): BatchNorm normalises with the statistics of that sub-batch, so {@code S(x')} is a function of
 * the whole sub-batch and {@code g} is its gradient (examples are coupled through the statistics exactly as in the
 * classification pass, only within the sub-batch). Dropout, when the graph has any, draws the same masks in every
 * pass (the ND4J generator is re-seeded with one seed per call), so all passes see one function.
 *
 * <h2>The gradient (METHODS.md 2.1)</h2>
 * With {@code G = dL_attr/dA} held constant and {@code u_j = M_j * G},
 * {@code dL_attr/dtheta = sum_j d/dh [dS/dtheta(x'_j + h u_j)]_{h=0}}, a Hessian-vector product taken by finite
 * differences of ordinary parameter gradients on the same graph: central {@code (dS/dtheta(x'+hu) -
 * dS/dtheta(x'-hu)) / 2h} or forward {@code (dS/dtheta(x'+hu) - dS/dtheta(x')) / h}, whose second term comes free
 * with the attribution pass. One step {@code h = step * max|x| / max_j max|u_j|} (largest magnitudes over the
 * sub-batch, so no voxel moves by more than {@code step * max|x|}) serves every point, so the forward scheme needs one
 * accumulated base gradient whatever the number of points (Karakida et al., ICML 2023; Finlay and Oberman, 2019).
 * The perturbed passes replay the ReLU, leaky-ReLU and max-pool switches recorded in point j's attribution pass
 * ({@link ActivationSwitches}): the difference is then taken on the linear piece the network is on at {@code x'_j},
 * whose derivatives are those of double back-propagation, instead of picking up an O(1/h) jump for every unit that
 * flips in between (the cause of issue 12, measured in docs/attribution-constraint.md). With
 * {@link ConstraintOptions.Difference#EXACT} the product is taken exactly instead, by one forward-over-reverse pass per
 * point ({@link InputDirectionHvp}, issue 12 section 4); the step is then unused. The BatchNorm
 * running-statistics entries of the result are zero: the extra passes must not move the running statistics (DESIGN.md decision 5). Memory: a few sub-batch-sized
 * arrays and two parameter-sized ones, plus one recorded switch pattern (the rectifiers' activations on the
 * sub-batch) per point.
 */
public final class AttributionConstraint {
    private final AttributionLoss loss;
    private final Target score;
    private final ConstraintOptions.Difference difference;
    private final double step;

    /**
     * @param value             L_attr
     * @param parameterGradient dL_attr/dtheta, flat in the layout of {@code graph().params()}, running statistics 0
     * @param constrained       number of constrained voxels
     * @param passes            forward+backward passes run (attribution and difference passes)
     */
    public record Result(double value, INDArray parameterGradient, long constrained, int passes) {
    }

    /**
     * @param score      the pathological score whose input gradient is the attribution's g (e.g. {@code
     *                   Target.logit(0)} or {@code Target.sum(...)} of the pathological logits)
     * @param difference finite-difference scheme
     * @param step       relative step (see the class comment)
     */
    public AttributionConstraint(AttributionLoss loss, Target score, ConstraintOptions.Difference difference,
                                 double step) {
        if (!(step > 0)) {
            throw new IllegalArgumentException("step: must be > 0, got " + step);
        }
        this.loss = loss;
        this.score = score;
        this.difference = difference;
        this.step = step;
    }

    /** The attribution map {@code A} of the points (N x C x H x W), by input-gradient passes only. */
    public INDArray attribution(ModelAdapter adapter, PointSet points, long dropoutSeed) {
        INDArray a = Nd4j.zeros(adapter.dataType(), points.images().shape());
        for (int j = 0; j < points.size(); j++) {
            AttributionPoint p = points.point(j);
            Nd4j.getRandom().setSeed(dropoutSeed);
            a.addi(adapter.inputGradient(p.input(), score, Mode.TRAINING).muli(p.multiplier()));
        }
        return a;
    }

    /** L_attr alone: the slow path used as the reference in tests. */
    public double value(ModelAdapter adapter, PointSet points, INDArray targets, long dropoutSeed) {
        return loss.evaluate(attribution(adapter, points, dropoutSeed), targets).value();
    }

    /** Value and weight gradient (see the class comment). Leaves every parameter bit-identical. */
    public Result compute(ModelAdapter adapter, PointSet points, INDArray targets, long dropoutSeed) {
        return difference == ConstraintOptions.Difference.EXACT ? exact(adapter, points, targets, dropoutSeed)
                : differenced(adapter, points, targets, dropoutSeed);
    }

    /**
     * The exact engine: {@code A} from the live graph's input-gradient passes (the same function as {@link #value}),
     * then one forward-over-reverse pass per point for {@code d/dh [dS/dtheta(x'_j + h u_j)]_{h=0}}.
     */
    private Result exact(ModelAdapter adapter, PointSet points, INDArray targets, long dropoutSeed) {
        InputDirectionHvp hvp = new InputDirectionHvp(adapter.graph());
        AttributionLoss.Value v = loss.evaluate(attribution(adapter, points, dropoutSeed), targets);
        INDArray grad = Nd4j.zeros(adapter.dataType(), adapter.graph().params().length());
        for (int j = 0; j < points.size(); j++) {
            AttributionPoint p = points.point(j);
            grad.addi(hvp.compute(p.input(), p.multiplier().muli(v.gradient()), score).parameterGradient());
        }
        adapter.zeroRunningStatistics(grad);
        return new Result(v.value(), grad, v.constrained(), 2 * points.size());
    }

    private Result differenced(ModelAdapter adapter, PointSet points, INDArray targets, long dropoutSeed) {
        boolean forward = difference == ConstraintOptions.Difference.FORWARD;
        ActivationSwitches switches = adapter.graph().switches();
        INDArray a = Nd4j.zeros(adapter.dataType(), points.images().shape());
        List<ActivationSwitches.Pattern> patterns = new ArrayList<>();
        INDArray base = null;
        int passes = 0;
        for (int j = 0; j < points.size(); j++) {
            AttributionPoint p = points.point(j);
            ActivationSwitches.Pattern pattern = new ActivationSwitches.Pattern();
            Backward b = switches.record(pattern, () -> pass(adapter, p.input(), dropoutSeed, true));
            patterns.add(pattern);
            passes++;
            a.addi(b.inputGradient().muli(p.multiplier()));
            if (forward) {
                INDArray g = flat(b.parameterGradient().gradient());
                base = base == null ? g.dup() : base.addi(g);
            }
        }
        AttributionLoss.Value v = loss.evaluate(a, targets);
        INDArray grad = Nd4j.zeros(adapter.dataType(), adapter.graph().params().length());
        double uMax = 0;
        for (int j = 0; j < points.size(); j++) {
            uMax = Math.max(uMax, points.point(j).multiplier().muli(v.gradient()).amaxNumber().doubleValue());
        }
        if (uMax == 0) {
            return new Result(v.value(), grad, v.constrained(), passes);
        }
        double scale = points.images().amaxNumber().doubleValue();
        double h = step * (scale > 0 ? scale : 1) / uMax;
        for (int j = 0; j < points.size(); j++) {
            AttributionPoint p = points.point(j);
            ActivationSwitches.Pattern pattern = patterns.get(j);
            INDArray hu = p.multiplier().muli(v.gradient()).muli(h);
            grad.addi(flat(switches.replay(pattern, () -> pass(adapter, p.input().add(hu), dropoutSeed, false))
                    .parameterGradient().gradient()));
            passes++;
            if (!forward) {
                grad.subi(flat(switches.replay(pattern, () -> pass(adapter, p.input().sub(hu), dropoutSeed, false))
                        .parameterGradient().gradient()));
                passes++;
            }
            patterns.set(j, null);
        }
        if (forward) {
            grad.subi(base).divi(h);
        } else {
            grad.divi(2 * h);
        }
        adapter.zeroRunningStatistics(grad);
        return new Result(v.value(), grad, v.constrained(), passes);
    }

    private static INDArray flat(INDArray g) {
        return g.reshape(g.length());
    }

    private Backward pass(ModelAdapter adapter, INDArray x, long dropoutSeed, boolean wantInput) {
        Nd4j.getRandom().setSeed(dropoutSeed);
        return adapter.trainingPass(x, score::outputGradient, wantInput);
    }
}
