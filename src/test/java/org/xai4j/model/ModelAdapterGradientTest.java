package org.xai4j.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xai4j.testing.FiniteDifferences.relativeError;

import org.deeplearning4j.nn.gradient.Gradient;
import java.util.function.ToDoubleFunction;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.testing.FiniteDifferences;
import org.xai4j.testing.TestGraphs;

/**
 * Input, tap and parameter gradients of {@link ModelAdapter} against central finite differences in double precision
 * (DESIGN.md decisions 3 and 4), on conv + BatchNorm + ReLU + max-pool + residual add + concat + global average
 * pooling + identity Dense graphs.
 */
class ModelAdapterGradientTest {
    private static final double H = 1e-6;
    private static final double TOL = 1e-5;

    @BeforeAll
    static void threads() {
        FiniteDifferences.singleThreaded();
    }

    /** Relative error of the gradient at sampled entries against central differences of f. */
    static double sampledError(ToDoubleFunction<INDArray> f, INDArray x, INDArray g, int count, long seed) {
        INDArray s = FiniteDifferences.sampled(f, x, g, count, seed, H);
        return relativeError(s.getRow(2), s.getRow(1));
    }

    private static INDArray weights(int n, long seed) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.rand(DataType.DOUBLE, n, 2).subi(0.5);
    }

    /** T = sum over the batch of w . logits, evaluated in the given mode. */
    private static double objective(ModelAdapter a, INDArray x, INDArray w, Mode mode) {
        return a.logits(x, mode).mul(w).sumNumber().doubleValue();
    }

    @Test
    void inputGradientMatchesFiniteDifferencesInInferenceMode() {
        // with dropout on the logits layer too: inference has none, and the twin must not apply it in backprop
        for (double retain : new double[] {Double.NaN, 0.5}) {
            ModelAdapter a = new ModelAdapter(TestGraphs.residualConcat(DataType.DOUBLE, 1, retain, true));
            INDArray x = TestGraphs.input(TestGraphs.RESIDUAL_INPUT, 3, DataType.DOUBLE, 2);
            INDArray w = weights(3, 3);
            INDArray g = a.inputGradient(x, Target.weights(w), Mode.INFERENCE);
            assertThat(g.shape()).isEqualTo(x.shape());
            assertThat(sampledError(v -> objective(a, v, w, Mode.INFERENCE), x.dup(), g, 60, 1)).as("retain " + retain)
                    .isLessThan(TOL);
        }
    }

    @Test
    void inputGradientMatchesFiniteDifferencesInTrainingModeWithBatchStatistics() {
        ModelAdapter a = new ModelAdapter(TestGraphs.residualConcat(DataType.DOUBLE, 4));
        INDArray x = TestGraphs.input(TestGraphs.RESIDUAL_INPUT, 3, DataType.DOUBLE, 5);
        INDArray w = weights(3, 6);
        INDArray g = a.inputGradient(x, Target.weights(w), Mode.TRAINING);
        assertThat(sampledError(v -> objective(a, v, w, Mode.TRAINING), x.dup(), g, 80, 2)).isLessThan(TOL);
        // and it is not the inference-mode gradient (batch statistics differ from the running ones)
        assertThat(relativeError(a.inputGradient(x, Target.weights(w), Mode.INFERENCE), g)).isGreaterThan(1e-2);
    }

    @Test
    void everyParameterGradientOfTinyGraphMatchesFiniteDifferencesInBothModes() {
        for (Mode mode : Mode.values()) {
            ModelAdapter a = new ModelAdapter(TestGraphs.tiny(DataType.DOUBLE, 7));
            INDArray x = TestGraphs.input(TestGraphs.TINY_INPUT, 3, DataType.DOUBLE, 8);
            INDArray w = weights(3, 9);
            INDArray g = a.parameterGradient(x, Target.weights(w), mode);
            INDArray params = a.graph().params();
            assertThat(g.length()).isEqualTo(params.length()).isEqualTo(42);
            INDArray fd = Nd4j.zeros(DataType.DOUBLE, params.length());
            for (long i = 0; i < params.length(); i++) {
                fd.putScalar(i, FiniteDifferences.partial(v -> objective(a, v, w, mode), x, params, i, H));
            }
            // BatchNorm running statistics are not trained: compare the trainable entries only
            INDArray gTrainable = g.dup();
            a.zeroRunningStatistics(gTrainable);
            a.zeroRunningStatistics(fd);
            assertThat(relativeError(gTrainable, fd)).as(mode.name()).isLessThan(TOL);
        }
    }

    @Test
    void parameterGradientMatchesFiniteDifferencesForSampledParametersOfResidualGraph() {
        for (Mode mode : Mode.values()) {
            ModelAdapter a = new ModelAdapter(TestGraphs.residualConcat(DataType.DOUBLE, 10));
            INDArray x = TestGraphs.input(TestGraphs.RESIDUAL_INPUT, 2, DataType.DOUBLE, 11);
            INDArray w = weights(2, 12);
            INDArray g = a.parameterGradient(x, Target.weights(w), mode);
            INDArray params = a.graph().params();
            INDArray mask = Nd4j.ones(DataType.DOUBLE, params.length());
            a.zeroRunningStatistics(mask);
            java.util.Random r = new java.util.Random(13);
            int checked = 0;
            INDArray sel = Nd4j.zeros(DataType.DOUBLE, 30);
            INDArray fd = Nd4j.zeros(DataType.DOUBLE, 30);
            while (checked < 30) {
                long i = r.nextInt((int) params.length());
                if (mask.getDouble(i) == 0) {
                    continue;
                }
                sel.putScalar(checked, g.getDouble(i));
                fd.putScalar(checked, FiniteDifferences.partial(v -> objective(a, v, w, mode), x, params, i, H));
                checked++;
            }
            assertThat(relativeError(sel, fd)).as(mode.name()).isLessThan(TOL);
        }
    }

    @Test
    void gradientsAreSumsOverTheBatchNotMeans() {
        ModelAdapter a = new ModelAdapter(TestGraphs.residualConcat(DataType.DOUBLE, 14));
        INDArray x = TestGraphs.input(TestGraphs.RESIDUAL_INPUT, 1, DataType.DOUBLE, 15);
        INDArray xx = Nd4j.concat(0, x, x);
        INDArray g1 = a.parameterGradient(x, Target.logit(1), Mode.INFERENCE);
        INDArray g2 = a.parameterGradient(xx, Target.logit(1), Mode.INFERENCE);
        assertThat(relativeError(g2, g1.mul(2))).isLessThan(1e-12);
        INDArray d1 = a.inputGradient(x, Target.logit(1), Mode.INFERENCE);
        INDArray d2 = a.inputGradient(xx, Target.logit(1), Mode.INFERENCE);
        assertThat(relativeError(d2.get(org.nd4j.linalg.indexing.NDArrayIndex.point(1)), d1.get(
                org.nd4j.linalg.indexing.NDArrayIndex.point(0)))).isLessThan(1e-12);
    }

    @Test
    void forwardBackwardEqualsDl4jBackpropGradient() {
        Classifier c = TestGraphs.residualConcat(DataType.DOUBLE, 16);
        ModelAdapter a = new ModelAdapter(c);
        INDArray x = TestGraphs.input(TestGraphs.RESIDUAL_INPUT, 3, DataType.DOUBLE, 17);
        INDArray eps = weights(3, 18);
        INDArray z = a.forward(x, Mode.TRAINING);
        Backward b = a.backward(eps, true);
        INDArray ours = b.parameterGradient().gradient().dup();
        // a view of the graph's own gradient array (the updater works on that array in place)
        assertThat(b.parameterGradient().gradient().data().address())
                .isEqualTo(c.graph().getGradientsViewArray().data().address());

        c.graph().feedForward(new INDArray[] {x}, true, false); // DL4J's public route, keeping layer inputs
        Gradient ref = c.graph().backpropGradient(eps.dup());
        assertThat(ref.gradient()).isEqualTo(ours);
        assertThat(z).isEqualTo(c.graph().output(true, x)[0]);
        assertThat(relativeError(b.inputGradient(), a.inputGradient(x, Target.weights(eps), Mode.TRAINING)))
                .isLessThan(1e-14);
    }
}
