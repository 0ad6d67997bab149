package org.xai4j.attribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xai4j.testing.FiniteDifferences.relativeError;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.xai4j.model.Mode;
import org.xai4j.model.ModelAdapter;
import org.xai4j.model.Target;
import org.xai4j.testing.FiniteDifferences;
import org.xai4j.testing.AttributionGraphs;
import org.xai4j.testing.TestGraphs;

/** Axioms and reductions of Integrated Gradients and Expected Gradients on a smooth double-precision network. */
class IntegratedGradientsTest {
    private static final Target TARGET = Target.perExample(new int[] {0, 2, 1});

    @BeforeAll
    static void threads() {
        FiniteDifferences.singleThreaded();
    }

    private static INDArray inputs() {
        return TestGraphs.input(AttributionGraphs.INPUT, 3, DataType.DOUBLE, 11).addi(0.5);
    }

    private static double maxAbs(INDArray a) {
        return Transforms.abs(a).maxNumber().doubleValue();
    }

    @Test
    void completenessDeltaShrinksAsStepsGrowAndIsTinyAt256Steps() {
        ModelAdapter a = new ModelAdapter(AttributionGraphs.smooth(3, 1));
        INDArray x = inputs();
        for (Quadrature q : new Quadrature[] {Quadrature.RIEMANN_LEFT, Quadrature.RIEMANN_MIDDLE,
            Quadrature.RIEMANN_TRAPEZOID, Quadrature.GAUSS_LEGENDRE}) {
            double previous = Double.POSITIVE_INFINITY;
            for (int steps : new int[] {2, 8, 32, 256}) {
                IntegratedGradients ig = new IntegratedGradients(a,
                        new IntegratedGradients.Options(steps, q, Baseline.zero(), 1024));
                double delta = maxAbs(ig.attributeWithDelta(x, TARGET).delta());
                if (q != Quadrature.GAUSS_LEGENDRE || steps <= 8) { // Gauss-Legendre hits round-off at once
                    assertThat(delta).as("%s %d steps", q, steps).isLessThan(previous);
                }
                previous = delta;
            }
            assertThat(previous).as(q.label()).isLessThan(1e-3);
        }
        IntegratedGradients gl = new IntegratedGradients(a,
                new IntegratedGradients.Options(50, Quadrature.GAUSS_LEGENDRE, Baseline.zero(), 64));
        assertThat(maxAbs(gl.attributeWithDelta(x, TARGET).delta())).isLessThan(1e-10);
    }

    @Test
    void deltaIsTheSumOfAttributionsMinusTheTargetDifference() {
        ModelAdapter a = new ModelAdapter(AttributionGraphs.smooth(3, 2));
        INDArray x = inputs();
        IntegratedGradients ig = new IntegratedGradients(a,
                new IntegratedGradients.Options(3, Quadrature.RIEMANN_LEFT, Baseline.constant(0.2), 64));
        IntegratedGradients.Result r = ig.attributeWithDelta(x, TARGET);
        INDArray zx = a.logits(x, Mode.INFERENCE);
        INDArray zb = a.logits(Nd4j.valueArrayOf(x.shape(), 0.2, DataType.DOUBLE), Mode.INFERENCE);
        int[] cls = {0, 2, 1};
        for (int n = 0; n < 3; n++) {
            double expected = r.attributions().slice(n).sumNumber().doubleValue()
                    - (zx.getDouble(n, cls[n]) - zb.getDouble(n, cls[n]));
            assertThat(r.delta().getDouble(n)).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-12));
        }
        assertThat(maxAbs(r.delta())).as("3 left-Riemann steps are coarse").isGreaterThan(1e-4);
    }

    @Test
    void oneRightRiemannStepFromZeroIsInputTimesGradient() {
        ModelAdapter a = new ModelAdapter(AttributionGraphs.smooth(3, 3));
        INDArray x = inputs();
        IntegratedGradients ig = new IntegratedGradients(a,
                new IntegratedGradients.Options(1, Quadrature.RIEMANN_RIGHT, Baseline.zero(), 64));
        INDArray ixg = new InputXGradient(a).attribute(x, TARGET);
        assertThat(relativeError(ig.attribute(x, TARGET), ixg)).isLessThan(1e-14);
    }

    @Test
    void chunkingThePointsDoesNotChangeTheResult() {
        ModelAdapter a = new ModelAdapter(AttributionGraphs.smooth(3, 4));
        INDArray x = inputs();
        INDArray ref = new IntegratedGradients(a, new IntegratedGradients.Options(10, Quadrature.GAUSS_LEGENDRE,
                Baseline.uniform(0, 1, 5), 1000)).attribute(x, TARGET);
        for (int chunk : new int[] {1, 2, 4, 7}) {
            INDArray got = new IntegratedGradients(a, new IntegratedGradients.Options(10, Quadrature.GAUSS_LEGENDRE,
                    Baseline.uniform(0, 1, 5), chunk)).attribute(x, TARGET);
            assertThat(relativeError(got, ref)).as("chunk %d", chunk).isLessThan(1e-13);
        }
    }

    @Test
    void igWithAVeryFineSlowReferenceAgrees() {
        // the slow obviously-correct reference: a Python-style loop of single-point gradients
        ModelAdapter a = new ModelAdapter(AttributionGraphs.smooth(3, 6));
        INDArray x = inputs().get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 1));
        INDArray b = GaussianBlur.apply(x, 1.0);
        int steps = 7;
        Quadrature.Nodes q = Quadrature.RIEMANN_MIDDLE.nodes(steps);
        INDArray sum = Nd4j.zeros(DataType.DOUBLE, x.shape());
        for (int s = 0; s < steps; s++) {
            INDArray p = b.add(x.sub(b).mul(q.alphas()[s]));
            sum.addi(a.inputGradient(p, Target.logit(1), Mode.INFERENCE).mul(q.weights()[s]));
        }
        INDArray expected = sum.mul(x.sub(b));
        INDArray got = new IntegratedGradients(a, new IntegratedGradients.Options(steps, Quadrature.RIEMANN_MIDDLE,
                Baseline.blurred(1.0), 3)).attribute(x, Target.logit(1));
        assertThat(relativeError(got, expected)).isLessThan(1e-13);
    }

    @Test
    void expectedGradientsWithOneReferenceConvergesToIntegratedGradients() {
        ModelAdapter a = new ModelAdapter(AttributionGraphs.smooth(3, 7));
        INDArray x = inputs();
        INDArray background = Nd4j.zeros(DataType.DOUBLE, 1, 2, 8, 8);
        INDArray eg = new ExpectedGradients(a, new ExpectedGradients.Options(400, background, 3L, 256))
                .attribute(x, TARGET);
        INDArray ig = new IntegratedGradients(a).attribute(x, TARGET);
        assertThat(relativeError(eg, ig)).isLessThan(0.05);
        INDArray few = new ExpectedGradients(a, new ExpectedGradients.Options(4, background, 3L, 256))
                .attribute(x, TARGET);
        assertThat(relativeError(few, ig)).as("the test can fail: 4 samples are far off").isGreaterThan(0.01);
    }

    @Test
    void expectedGradientsIsReproducibleAndSumsToTheExpectedDifference() {
        ModelAdapter a = new ModelAdapter(AttributionGraphs.smooth(3, 8));
        INDArray x = inputs();
        INDArray background = TestGraphs.input(AttributionGraphs.INPUT, 2, DataType.DOUBLE, 99);
        ExpectedGradients eg = new ExpectedGradients(a, new ExpectedGradients.Options(300, background, 1L, 300));
        INDArray r1 = eg.attribute(x, TARGET);
        assertThat(eg.attribute(x, TARGET)).isEqualTo(r1);
        double[] fx = TargetValues.of(TARGET, a.logits(x, Mode.INFERENCE));
        int[] cls = {0, 2, 1};
        INDArray zb = a.logits(background, Mode.INFERENCE);
        for (int n = 0; n < 3; n++) {
            double expected = fx[n] - 0.5 * (zb.getDouble(0, cls[n]) + zb.getDouble(1, cls[n]));
            double sum = r1.slice(n).sumNumber().doubleValue();
            assertThat(sum).isCloseTo(expected, org.assertj.core.data.Offset.offset(0.05 * Math.abs(expected) + 0.02));
        }
    }
}
