package org.xai4j.constraint;

import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.data.Batch;
import org.xai4j.loss.LogitLoss;
import org.xai4j.model.ModelAdapter;
import org.xai4j.step.CompositeStep;
import org.xai4j.step.LossTerm;
import org.xai4j.step.StepResult;
import org.xai4j.step.TrainingStep;
import org.xai4j.step.WeightSchedule;

/**
 * A training step with the attribution constraint (Wargnier-Dauchelle et al., IEEE TMI 2023): the objective of a
 * batch of N images is {@code L_cls + lambda_t * L_attr}, {@code L_cls} the classification loss averaged over the
 * batch and {@code L_attr} the {@link AttributionConstraint} on its constrained (by default: healthy) images, taken in
 * training mode on the whole batch with only the constrained images' voxels penalised ({@link
 * ConstraintOptions.Passes#BATCH}, the config's default) or on the constrained sub-batch alone ({@link
 * ConstraintOptions.Passes#HEALTHY}, the six-argument constructor's). The returned gradient follows the raw-sum convention of the loop (the
 * updater divides by N): {@code sum_n dL_cls,n/dtheta + N lambda_t dL_attr/dtheta}. Its BatchNorm running-statistics
 * entries are those of the classification pass only, so a constrained step moves the running statistics exactly as
 * a standard step on the same batch. A batch without constrained images costs and returns exactly a standard step.
 * With several attributions, step {@code t} uses attribution {@code t mod count} (the "alternate" combination).
 * Loss parts: the classification loss under its own name and {@value #PART} ({@code lambda_t * L_attr}). As a
 * {@link LossTerm} it is the term {@code L_attr} alone, which {@link CompositeStep} weighs next to others.
 */
public final class ConstrainedStep implements TrainingStep, LossTerm {
    /** Name of the constraint's loss part (metrics CSV column {@code train_constraint}). */
    public static final String PART = "constraint";

    private final CompositeStep composite;
    private final List<TrainingAttribution> attributions;
    private final AttributionConstraint term;
    private final VoxelTargets targets;
    private final WeightSchedule lambda;
    private final long seed;
    private final boolean wholeBatch;
    private int lastPasses;

    /**
     * @param attributions used in turn, one per step
     * @param seed         seeds the random parts of the attributions and the dropout masks of the term's passes,
     *                     mixed with the iteration number
     */
    public ConstrainedStep(LogitLoss loss, List<TrainingAttribution> attributions, AttributionConstraint term,
                           VoxelTargets targets, WeightSchedule lambda, long seed) {
        this(loss, attributions, term, targets, lambda, seed, ConstraintOptions.Passes.HEALTHY);
    }

    /**
     * @param passes which images the term's passes run on: the constrained ones alone, or the whole batch (rows
     *               without a constrained voxel then have NaN targets and are not penalised)
     */
    public ConstrainedStep(LogitLoss loss, List<TrainingAttribution> attributions, AttributionConstraint term,
                           VoxelTargets targets, WeightSchedule lambda, long seed, ConstraintOptions.Passes passes) {
        if (attributions.isEmpty()) {
            throw new IllegalArgumentException("attribution: at least one is needed");
        }
        this.composite = new CompositeStep(loss, List.of(new CompositeStep.Weighted(this, lambda)));
        this.attributions = List.copyOf(attributions);
        this.term = term;
        this.targets = targets;
        this.lambda = lambda;
        this.seed = seed;
        this.wholeBatch = passes == ConstraintOptions.Passes.BATCH;
    }

    /** The attribution used at {@code iteration}. */
    public TrainingAttribution attributionAt(long iteration) {
        return attributions.get((int) Math.floorMod(iteration, (long) attributions.size()));
    }

    @Override
    public StepResult compute(ModelAdapter adapter, Batch batch) {
        lastPasses = 0;
        return composite.compute(adapter, batch);
    }

    @Override
    public String name() {
        return PART;
    }

    /** {@code L_attr} and its parameter gradient ({@link #term}), as a {@link LossTerm}. */
    @Override
    public Value evaluate(ModelAdapter adapter, Batch batch) {
        AttributionConstraint.Result r = term(adapter, batch);
        lastPasses = r == null ? 0 : r.passes();
        return r == null ? null : new Value(r.value(), r.parameterGradient());
    }

    /** The weight schedule of the term (lambda, with its warm-up). */
    public WeightSchedule lambda() {
        return lambda;
    }

    /**
     * The term alone on this batch at the current iteration: {@code L_attr} and {@code dL_attr/dtheta} (not yet
     * multiplied by {@code N lambda_t}), with the attribution points and dropout seed {@link #compute} uses; null when
     * the batch has no constrained image. Leaves the parameters and ND4J's random stream as they were.
     */
    public AttributionConstraint.Result term(ModelAdapter adapter, Batch batch) {
        SubBatch sub = constrained(batch, adapter);
        if (sub == null) {
            return null;
        }
        long iteration = adapter.graph().getConfiguration().getIterationCount();
        SplittableRandom rng = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + iteration);
        long dropoutSeed = rng.nextLong();
        long resume = Nd4j.getRandom().nextLong();
        AttributionConstraint.Result r = term.compute(adapter, attributionAt(iteration).points(sub, rng),
                sub.targets(), dropoutSeed);
        Nd4j.getRandom().setSeed(resume);
        return r;
    }

    /** Forward+backward passes the term ran in the last {@link #compute} (0 when it was skipped). */
    public int lastPasses() {
        return lastPasses;
    }

    /**
     * The images with at least one constrained voxel (with whole-batch passes: every image, when at least one has a
     * constrained voxel), or null when there is none.
     */
    SubBatch constrained(Batch batch, ModelAdapter adapter) {
        INDArray t = targets.of(batch);
        int n = batch.size();
        int[] rows = IntStream.range(0, n).filter(i -> {
            INDArray ti = t.slice(i);
            return ti.isNaN().castTo(org.nd4j.linalg.api.buffer.DataType.INT).sumNumber().longValue() < ti.length();
        }).toArray();
        if (rows.length == 0) {
            return null;
        }
        if (wholeBatch) {
            rows = IntStream.range(0, n).toArray();
        }
        INDArray x = batch.features().castTo(adapter.dataType());
        long[] s = x.shape();
        INDArray images = Nd4j.pullRows(x.reshape(n, -1), 1, rows).reshape(rows.length, s[1], s[2], s[3]);
        INDArray sub = Nd4j.pullRows(t.castTo(adapter.dataType()).reshape(n, -1), 1, rows)
                .reshape(rows.length, 1, s[2], s[3]);
        return new SubBatch(images, rows, x, sub);
    }
}
