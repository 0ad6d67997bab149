package org.xai4j.constraint;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.xai4j.step.WeightSchedule;
import org.xai4j.constraint.ConstraintOptions.Difference;
import org.xai4j.constraint.ConstraintOptions.Normalization;
import org.xai4j.constraint.ConstraintOptions.Region;
import org.xai4j.data.Batch;
import org.xai4j.loss.LogitLoss;
import org.xai4j.loss.WeightedBce;
import org.xai4j.model.ModelAdapter;
import org.xai4j.model.Target;
import org.xai4j.step.StandardStep;
import org.xai4j.step.StepResult;
import org.xai4j.testing.FiniteDifferences;
import org.xai4j.testing.TestGraphs;

/** How the constrained step combines the classification pass with the term. */
class ConstrainedStepTest {
    private static final double LAMBDA = 0.7;

    @BeforeAll
    static void threads() {
        FiniteDifferences.singleThreaded();
    }

    static Batch batch(double... pathological) {
        int n = pathological.length;
        INDArray x = ConstraintFixtures.images(TestGraphs.RESIDUAL_INPUT, n, DataType.DOUBLE, 8);
        INDArray y = Nd4j.zeros(DataType.DOUBLE, n, 2);
        for (int i = 0; i < n; i++) {
            y.putScalar(i, 1, pathological[i]);
        }
        INDArray brain = Nd4j.zeros(DataType.DOUBLE, n, 1, 6, 6);
        brain.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(1, 5), NDArrayIndex.interval(1, 5))
                .assign(1);
        return new Batch(x, y, null, List.of(), brain);
    }

    static AttributionConstraint term() {
        return new AttributionConstraint(new AttributionLoss(Penalty.SOFTPLUS, 20.0, Normalization.NONE),
                Target.sum(0, 1), Difference.CENTRAL, 1e-6);
    }

    static ConstrainedStep step(LogitLoss loss, TrainingAttribution attribution, Region region) {
        return new ConstrainedStep(loss, List.of(attribution), term(), VoxelTargets.healthy(region),
                new WeightSchedule(LAMBDA, 0), 5);
    }

    static INDArray flat(StepResult r) {
        return r.gradient().gradient().dup().reshape(r.gradient().gradient().length());
    }

    @Test
    void withoutHealthyImagesItIsExactlyTheStandardStep() {
        ModelAdapter adapter = new ModelAdapter(TestGraphs.residualConcat(DataType.DOUBLE, 4));
        LogitLoss loss = WeightedBce.plain(2);
        Batch b = batch(1, 1, 1, 1);
        INDArray before = adapter.graph().params().dup();
        StepResult standard = new StandardStep(loss).compute(adapter, b);
        INDArray expected = flat(standard);
        StepResult constrained = step(loss, new GradientAttribution(), Region.IMAGE).compute(adapter, b);
        assertThat(flat(constrained)).isEqualTo(expected);
        assertThat(constrained.lossParts()).containsEntry(ConstrainedStep.PART, 0.0)
                .containsEntry(loss.name(), standard.lossParts().get(loss.name()));
        assertThat(adapter.graph().params()).isEqualTo(before);
    }

    @Test
    void addsNTimesLambdaTimesTheTermGradientAndKeepsTheRunningStatisticUpdates() {
        ModelAdapter adapter = new ModelAdapter(TestGraphs.residualConcat(DataType.DOUBLE, 4));
        LogitLoss loss = WeightedBce.plain(2);
        Batch b = batch(0, 1, 0, 0, 1);
        INDArray before = adapter.graph().params().dup();
        INDArray standard = flat(new StandardStep(loss).compute(adapter, b));
        ConstrainedStep step = step(loss, new InputXGradientAttribution(), Region.IMAGE);
        StepResult r = step.compute(adapter, b);
        INDArray combined = flat(r);
        assertThat(adapter.graph().params()).as("compute leaves the parameters").isEqualTo(before);
        SubBatch sub = step.constrained(b, adapter);
        assertThat(sub.rows()).containsExactly(0, 2, 3);
        AttributionConstraint.Result term = term().compute(adapter,
                new InputXGradientAttribution().points(sub, new SplittableRandom(0)), sub.targets(), 0);
        INDArray added = combined.sub(standard);
        assertThat(FiniteDifferences.relativeError(added, term.parameterGradient().mul(LAMBDA * 5))).isLessThan(1e-12);
        assertThat(r.lossParts().get(ConstrainedStep.PART)).isCloseTo(LAMBDA * term.value(),
                org.assertj.core.api.Assertions.within(1e-15));
        for (long[] range : adapter.runningStatisticsRanges()) {
            INDArray a = combined.get(NDArrayIndex.interval(range[0], range[0] + range[1]));
            INDArray e = standard.get(NDArrayIndex.interval(range[0], range[0] + range[1]));
            assertThat(a).as("running statistics move as in a standard step").isEqualTo(e);
            assertThat(e.amaxNumber().doubleValue()).isPositive();
        }
        assertThat(added.amaxNumber().doubleValue()).isPositive();
    }

    @Test
    void wholeBatchPassesRunTheTermOnEveryImageAndPenaliseOnlyTheHealthyOnes() {
        ModelAdapter adapter = new ModelAdapter(TestGraphs.residualConcat(DataType.DOUBLE, 4));
        LogitLoss loss = WeightedBce.plain(2);
        Batch b = batch(0, 1, 0, 0, 1);
        ConstrainedStep step = new ConstrainedStep(loss, List.of(new InputXGradientAttribution()), term(),
                VoxelTargets.healthy(Region.IMAGE), new WeightSchedule(LAMBDA, 0), 5, ConstraintOptions.Passes.BATCH);
        SubBatch sub = step.constrained(b, adapter);
        assertThat(sub.rows()).containsExactly(0, 1, 2, 3, 4);
        assertThat(sub.targets().slice(1).isNaN().all()).as("pathological rows unconstrained").isTrue();
        assertThat(sub.targets().slice(0).amaxNumber().doubleValue()).isZero();
        INDArray standard = flat(new StandardStep(loss).compute(adapter, b));
        INDArray added = flat(step.compute(adapter, b)).sub(standard);
        AttributionConstraint.Result term = term().compute(adapter,
                new InputXGradientAttribution().points(sub, new SplittableRandom(0)), sub.targets(), 0);
        assertThat(FiniteDifferences.relativeError(added, term.parameterGradient().mul(LAMBDA * 5))).isLessThan(1e-12);
        assertThat(term.constrained()).as("three healthy images, two channels of 6x6").isEqualTo(3 * 2 * 36);
        SubBatch healthyOnly = step(loss, new InputXGradientAttribution(), Region.IMAGE).constrained(b, adapter);
        double own = term().compute(adapter, new InputXGradientAttribution().points(healthyOnly,
                new SplittableRandom(0)), healthyOnly.targets(), 0).value();
        assertThat(term.value()).as("other batch statistics, another attribution").isNotEqualTo(own);
        assertThat(step.constrained(batch(1, 1), adapter)).as("no healthy image: no term").isNull();
    }

    @Test
    void brainRegionLeavesVoxelsOutsideTheMaskAndPathologicalImagesUnconstrained() {
        INDArray t = VoxelTargets.healthy(Region.BRAIN).of(batch(0, 1));
        assertThat(t.getDouble(0, 0, 2, 2)).isZero();
        assertThat(t.getDouble(0, 0, 0, 0)).isNaN();
        assertThat(t.slice(1).isNaN().castTo(DataType.INT).sumNumber().intValue()).isEqualTo(36);
        INDArray all = VoxelTargets.healthy(Region.IMAGE).of(batch(0, 1));
        assertThat(all.slice(0).amaxNumber().doubleValue()).isZero();
    }

    @Test
    void lambdaWarmsUpLinearly() {
        WeightSchedule s = new WeightSchedule(2.0, 4);
        assertThat(s.at(0)).isZero();
        assertThat(s.at(1)).isEqualTo(0.5);
        assertThat(s.at(4)).isEqualTo(2.0);
        assertThat(s.at(100)).isEqualTo(2.0);
        assertThat(new WeightSchedule(3.0, 0).at(0)).isEqualTo(3.0);
    }

    @Test
    void alternatesAttributionsByIteration() {
        ConstrainedStep step = new ConstrainedStep(WeightedBce.plain(2), List.of(new GradientAttribution(),
                new InputXGradientAttribution()), term(), VoxelTargets.healthy(Region.IMAGE),
                new WeightSchedule(1, 0), 1);
        assertThat(step.attributionAt(0).name()).isEqualTo("grad");
        assertThat(step.attributionAt(3).name()).isEqualTo("ixg");
    }
}
