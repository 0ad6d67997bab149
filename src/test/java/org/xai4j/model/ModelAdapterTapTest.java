package org.xai4j.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.xai4j.testing.FiniteDifferences.relativeError;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.testing.FiniteDifferences;
import org.xai4j.testing.TestGraphs;

/**
 * Activations and gradients at named taps: the epsilon DL4J leaves on a vertex is dT/d(output of that vertex),
 * summed over its consumers (DESIGN.md decision 3).
 */
class ModelAdapterTapTest {
    @BeforeAll
    static void threads() {
        FiniteDifferences.singleThreaded();
    }

    @Test
    void gradientAtLastConvOfAGlobalAveragePoolingHeadIsTheLogitWeightOverArea() {
        Classifier c = TestGraphs.residualConcat(DataType.DOUBLE, 1);
        ModelAdapter a = new ModelAdapter(c);
        INDArray x = TestGraphs.input(TestGraphs.RESIDUAL_INPUT, 2, DataType.DOUBLE, 2);
        INDArray w = c.graph().getLayer("logits").getParam("W"); // 7 x 2
        for (Mode mode : Mode.values()) {
            for (int k = 0; k < 2; k++) {
                TapResult t = a.tap(x, ModelDescription.LAST_CONV, Target.logit(k), mode);
                assertThat(t.activations().shape()).isEqualTo(new long[] {2, 7, 3, 3});
                assertThat(t.gradient().shape()).isEqualTo(t.activations().shape());
                for (int n = 0; n < 2; n++) {
                    for (int ch = 0; ch < 7; ch++) {
                        double expected = w.getDouble(ch, k) / 9.0;
                        for (int i = 0; i < 3; i++) {
                            for (int j = 0; j < 3; j++) {
                                assertThat(t.gradient().getDouble(n, ch, i, j)).isCloseTo(expected,
                                        org.assertj.core.data.Offset.offset(1e-15));
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void tapActivationsAndLogitsEqualDl4jFeedForward() {
        Classifier c = TestGraphs.residualConcat(DataType.DOUBLE, 3);
        ModelAdapter a = new ModelAdapter(c);
        INDArray x = TestGraphs.input(TestGraphs.RESIDUAL_INPUT, 3, DataType.DOUBLE, 4);
        for (String tap : new String[] {ModelDescription.LAST_CONV, "stage1", "stage2"}) {
            TapResult t = a.tap(x, tap, Target.logit(0), Mode.INFERENCE);
            INDArray ref = c.graph().feedForward(x, false).get(c.description().tapVertex(tap));
            assertThat(relativeError(t.activations(), ref)).as(tap).isLessThan(1e-12);
            assertThat(relativeError(t.logits(), a.logits(x, Mode.INFERENCE))).isLessThan(1e-12);
            TapResult tt = a.tap(x, tap, Target.logit(0), Mode.TRAINING);
            assertThat(tt.activations()).isEqualTo(c.graph().feedForward(x, true).get(c.description().tapVertex(tap)));
        }
        assertThatThrownBy(() -> a.tap(x, "nope", Target.logit(0), Mode.INFERENCE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("last_conv");
    }

    /**
     * stage1 (max-pool, consumed by conv2 and the residual add) and stage2 (the add, consumed by conv3 and the concat)
     * are cut vertices: T depends on x only through them, so dT/dx . d = (dT/da) . (da/dx d) along any direction d.
     * Both are central differences in x.
     */
    @Test
    void innerTapGradientIsTheDerivativeWithRespectToTheVertexOutputSummedOverConsumers() {
        Classifier c = TestGraphs.residualConcat(DataType.DOUBLE, 5);
        ModelAdapter a = new ModelAdapter(c);
        INDArray x = TestGraphs.input(TestGraphs.RESIDUAL_INPUT, 2, DataType.DOUBLE, 6);
        Nd4j.getRandom().setSeed(7);
        INDArray w = Nd4j.rand(DataType.DOUBLE, 2, 2).subi(0.5);
        double h = 1e-6;
        for (Mode mode : Mode.values()) {
            for (String tap : new String[] {"stage1", "stage2"}) {
                for (int trial = 0; trial < 3; trial++) {
                    INDArray d = Nd4j.randn(DataType.DOUBLE, x.shape());
                    TapResult t = a.tap(x, tap, Target.weights(w), mode);
                    INDArray ap = a.tap(x.add(d.mul(h)), tap, Target.weights(w), mode).activations();
                    INDArray am = a.tap(x.sub(d.mul(h)), tap, Target.weights(w), mode).activations();
                    double viaTap = t.gradient().mul(ap.sub(am).divi(2 * h)).sumNumber().doubleValue();
                    double tp = a.logits(x.add(d.mul(h)), mode).mul(w).sumNumber().doubleValue();
                    double tm = a.logits(x.sub(d.mul(h)), mode).mul(w).sumNumber().doubleValue();
                    double direct = (tp - tm) / (2 * h);
                    assertThat(Math.abs(viaTap - direct)).as(mode + " " + tap)
                            .isLessThan(1e-6 * Math.max(1, Math.abs(direct)));
                }
            }
        }
    }

    @Test
    void aSingleImageWhoseDeepestMapIsOnePixelGivesTheSameResultsAsInABatch() {
        // ND4J M2.1 fails on the BN-folded twin's 1x1 depthwise convolutions for one row of a 1 x 1 map
        Classifier c = Classifier.build(org.xai4j.testing.TinyRuns.config(1).model(), new InputShape(1, 32, 32), 1, 3,
                DataType.DOUBLE);
        ModelAdapter a = new ModelAdapter(c);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 2, 1, 32, 32);
        INDArray one = x.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 1)).dup();
        INDArray batchGradient = a.inputGradient(x, Target.logit(0), Mode.INFERENCE);
        assertThat(relativeError(a.inputGradient(one, Target.logit(0), Mode.INFERENCE),
                batchGradient.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 1)))).isLessThan(1e-12);
        TapResult t = a.tap(one, ModelDescription.LAST_CONV, Target.perExample(new int[] {0}), Mode.INFERENCE);
        assertThat(t.activations().size(0)).isEqualTo(1);
        assertThat(relativeError(t.activations(), a.activations(x, ModelDescription.LAST_CONV)
                .get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 1)))).isLessThan(1e-12);
        assertThat(relativeError(a.activations(one, "stage4"), a.activations(x, "stage4")
                .get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 1)))).isLessThan(1e-12);
    }
}
