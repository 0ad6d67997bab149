package org.xai4j.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xai4j.testing.FiniteDifferences.relativeError;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.testing.FiniteDifferences;
import org.xai4j.testing.TestGraphs;

/**
 * The adapter in float32 (the training precision) against the same network in double precision, whose gradients the
 * other tests check against finite differences. Loose tolerance: float32 rounding through a small network.
 */
class ModelAdapterFloatTest {
    private static final double TOL = 2e-3;

    @BeforeAll
    static void threads() {
        FiniteDifferences.singleThreaded();
    }

    @Test
    void float32GradientsMatchDoublePrecisionReference() {
        Classifier d = TestGraphs.residualConcat(DataType.DOUBLE, 1);
        Classifier f = TestGraphs.residualConcat(DataType.FLOAT, 1);
        f.graph().params().assign(d.graph().params().castTo(DataType.FLOAT));
        ModelAdapter ad = new ModelAdapter(d);
        ModelAdapter af = new ModelAdapter(f);
        INDArray x = TestGraphs.input(TestGraphs.RESIDUAL_INPUT, 3, DataType.DOUBLE, 2);
        INDArray xf = x.castTo(DataType.FLOAT);
        x = xf.castTo(DataType.DOUBLE); // same input values in both precisions
        Nd4j.getRandom().setSeed(3);
        INDArray w = Nd4j.rand(DataType.DOUBLE, 3, 2).subi(0.5);
        for (Mode m : Mode.values()) {
            assertThat(relativeError(af.logits(xf, m), ad.logits(x, m))).as(m + " logits").isLessThan(TOL);
            INDArray gf = af.inputGradient(xf, Target.weights(w), m);
            assertThat(gf.dataType()).isEqualTo(DataType.FLOAT);
            assertThat(relativeError(gf, ad.inputGradient(x, Target.weights(w), m))).as(m + " input").isLessThan(TOL);
            TapResult tf = af.tap(xf, "stage1", Target.weights(w), m);
            TapResult td = ad.tap(x, "stage1", Target.weights(w), m);
            assertThat(relativeError(tf.gradient(), td.gradient())).as(m + " tap").isLessThan(TOL);
            INDArray pf = af.parameterGradient(xf, Target.weights(w), m);
            INDArray pd = ad.parameterGradient(x, Target.weights(w), m);
            ad.zeroRunningStatistics(pd);
            af.zeroRunningStatistics(pf);
            assertThat(relativeError(pf, pd)).as(m + " params").isLessThan(TOL);
            INDArray eps = Target.weights(w).outputGradient(af.logits(xf, Mode.INFERENCE));
            af.forward(xf, m);
            Backward b = af.backward(eps, true);
            assertThat(relativeError(b.inputGradient(), gf)).as(m + " backward").isLessThan(TOL);
        }
    }
}
