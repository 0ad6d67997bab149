package org.xai4j.constraint;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.constraint.ConstraintOptions.Difference;
import org.xai4j.constraint.ConstraintOptions.Normalization;
import org.xai4j.model.Classifier;
import org.xai4j.model.InputShape;
import org.xai4j.model.ModelAdapter;
import org.xai4j.model.Target;
import org.xai4j.testing.FiniteDifferences;
import org.xai4j.testing.TestGraphs;

/**
 * The term's weight gradient by finite-difference Hessian-vector products against the slow, obvious reference:
 * L_attr(theta) evaluated by input-gradient passes ({@link AttributionConstraint#value}, the function defined there:
 * training-mode passes on the healthy sub-batch alone), differentiated by central differences over every parameter
 * (BatchNorm running statistics included, whose derivative is 0). Main graph: conv, BatchNorm in training mode,
 * ReLU, max-pooling, a residual add and a DenseNet-style concat ({@link TestGraphs#residualConcat}); multi-point
 * attributions and penalty variants on a smaller graph to keep the suite fast. Float32 runs with
 * {@link #FLOAT_STEP}.
 */
class AttributionConstraintTest {
    private static final long DROPOUT_SEED = 99;
    private static final double DOUBLE_TOLERANCE = 1e-4;
    private static final double FLOAT_TOLERANCE = 2e-2;
    /**
     * On graphs this small few units can cross a kink, so a larger step than the default (1e-5, chosen on real
     * networks where float32 round-off matters less than kinks) keeps the float32 round-off of the difference low.
     */
    private static final double FLOAT_STEP = 1e-4;

    @BeforeAll
    static void threads() {
        FiniteDifferences.singleThreaded();
    }

    /** Central differences of L_attr over every parameter of {@code adapter}'s graph (restored afterwards). */
    static INDArray reference(ModelAdapter adapter, TrainingAttribution method, SubBatch sub, AttributionLoss loss,
                              long seed) {
        AttributionConstraint term = new AttributionConstraint(loss, Target.logit(1), Difference.CENTRAL, 1e-3);
        PointSet points = method.points(sub, new SplittableRandom(seed));
        INDArray params = adapter.graph().params();
        INDArray before = params.dup();
        INDArray fd = FiniteDifferences.gradient(p -> term.value(adapter, points, sub.targets(), DROPOUT_SEED),
                params, 1e-6);
        assertThat(params).isEqualTo(before);
        assertThat(fd.norm2Number().doubleValue()).as("reference gradient is not trivially zero").isGreaterThan(1e-6);
        return fd;
    }

    /** The HVP gradient on {@code tested} (any data type) with the same points. */
    static INDArray hvp(ModelAdapter tested, TrainingAttribution method, SubBatch sub, AttributionLoss loss,
                        Difference difference, double step, long seed) {
        DataType t = tested.dataType();
        SubBatch s = new SubBatch(sub.images().castTo(t), sub.rows(), sub.batch().castTo(t), sub.targets().castTo(t));
        AttributionConstraint term = new AttributionConstraint(loss, Target.logit(1), difference, step);
        INDArray before = tested.graph().params().dup();
        AttributionConstraint.Result r = term.compute(tested, method.points(s, new SplittableRandom(seed)),
                s.targets(), DROPOUT_SEED);
        assertThat(tested.graph().params()).as("parameters untouched").isEqualTo(before);
        return r.parameterGradient();
    }

    static SubBatch healthy(InputShape shape) {
        INDArray batch = ConstraintFixtures.images(shape, 5, DataType.DOUBLE, 3);
        return ConstraintFixtures.subBatch(batch, 0, 2, 3);
    }

    /** Double central and forward, and float32 central and forward with {@link #FLOAT_STEP}, on the residual graph. */
    static void checkOnResidualGraph(TrainingAttribution method, long seed) {
        ModelAdapter reference = new ModelAdapter(TestGraphs.residualConcat(DataType.DOUBLE, 11));
        Classifier f = TestGraphs.residualConcat(DataType.FLOAT, 11);
        f.graph().params().assign(reference.graph().params().castTo(DataType.FLOAT));
        ModelAdapter single = new ModelAdapter(f);
        SubBatch sub = healthy(TestGraphs.RESIDUAL_INPUT);
        AttributionLoss loss = new AttributionLoss(Penalty.SOFTPLUS, 30.0, Normalization.NONE);
        INDArray fd = reference(reference, method, sub, loss, seed);
        assertThat(FiniteDifferences.relativeError(hvp(reference, method, sub, loss, Difference.CENTRAL, 1e-6, seed),
                fd)).as(method.name() + " double central").isLessThanOrEqualTo(DOUBLE_TOLERANCE);
        assertThat(FiniteDifferences.relativeError(hvp(reference, method, sub, loss, Difference.FORWARD, 1e-7, seed),
                fd)).as(method.name() + " double forward").isLessThanOrEqualTo(DOUBLE_TOLERANCE);
        for (Difference d : Difference.values()) {
            assertThat(FiniteDifferences.relativeError(hvp(single, method, sub, loss, d, FLOAT_STEP, seed), fd))
                    .as(method.name() + " float32 " + d).isLessThanOrEqualTo(FLOAT_TOLERANCE);
        }
    }

    @Test
    void gradientOnTheResidualConcatGraph() {
        checkOnResidualGraph(new GradientAttribution(), 5);
    }

    @Test
    void inputXGradientOnTheResidualConcatGraph() {
        checkOnResidualGraph(new InputXGradientAttribution(), 6);
    }

    @Test
    void expectedGradientsOnTheResidualConcatGraph() {
        checkOnResidualGraph(new ExpectedGradientsAttribution(1, 0.3), 7);
    }

    /** Several points per attribution (IG, EG with two references, a sum) and every penalty, on a small graph. */
    @Test
    void multiPointAttributionsAndPenaltiesOnASmallGraph() {
        ModelAdapter adapter = new ModelAdapter(ConstraintFixtures.small(DataType.DOUBLE, 13));
        SubBatch sub = healthy(ConstraintFixtures.SMALL_INPUT);
        SubBatch band = ConstraintFixtures.withUnconstrainedBand(sub);
        record Case(TrainingAttribution method, SubBatch sub, AttributionLoss loss) {
        }
        List<Case> cases = List.of(
                new Case(new IntegratedGradientsAttribution(3), sub,
                        new AttributionLoss(Penalty.SQUARED, 5.0, Normalization.NONE)),
                new Case(new SumAttribution(List.of(new GradientAttribution(), new InputXGradientAttribution(),
                        new ExpectedGradientsAttribution(2, 0.5))), band,
                        new AttributionLoss(Penalty.SOFTPLUS, 20.0, Normalization.NONE)),
                new Case(new InputXGradientAttribution(), band, new AttributionLoss(Penalty.SOFTPLUS, 2.0,
                        Normalization.RMS)),
                new Case(new GradientAttribution(), band, new AttributionLoss(Penalty.RELU, 1.0, Normalization.RMS)));
        for (Case c : cases) {
            INDArray fd = reference(adapter, c.method(), c.sub(), c.loss(), 17);
            for (Difference d : Difference.values()) {
                double step = d == Difference.CENTRAL ? 1e-6 : 1e-7;
                assertThat(FiniteDifferences.relativeError(hvp(adapter, c.method(), c.sub(), c.loss(), d, step, 17),
                        fd)).as(c.method().name() + " " + d).isLessThanOrEqualTo(DOUBLE_TOLERANCE);
            }
        }
    }
}
