package org.xai4j.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.testing.TestGraphs;

/**
 * {@link ModelAdapter#trainingPass} (inside DL4J's workspaces) against the workspace-free {@code forward} +
 * {@code backward} pair, whose gradients the other adapter tests check against finite differences: the same logits,
 * the same flattened parameter gradient (BatchNorm running-statistics entries included) and the same input gradient,
 * in both precisions, and again on a second call (workspace memory reused), with dropout drawn from the same seed.
 */
class ModelAdapterWorkspaceTest {
    @Test
    void trainingPassGivesTheGradientsOfForwardAndBackward() {
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            ModelAdapter a = new ModelAdapter(TestGraphs.residualConcat(type, 4, 0.7, true));
            INDArray x = TestGraphs.input(TestGraphs.RESIDUAL_INPUT, 5, type, 6);
            Nd4j.getRandom().setSeed(8);
            INDArray w = Nd4j.rand(type, 5, 2).subi(0.5);

            Nd4j.getRandom().setSeed(21);
            INDArray z = a.forward(x, Mode.TRAINING);
            Backward b = a.backward(w.dup(), true);
            INDArray expectedParams = b.parameterGradient().gradient().dup();
            INDArray expectedInput = b.inputGradient();
            assertThat(expectedInput.norm2Number().doubleValue()).isGreaterThan(0);

            for (int call = 0; call < 2; call++) {
                INDArray[] logits = new INDArray[1];
                Nd4j.getRandom().setSeed(21);
                Backward p = a.trainingPass(x, l -> {
                    logits[0] = l;
                    return w.dup();
                }, true);
                String as = type + " call " + call;
                assertThat(logits[0].equalsWithEps(z, 0)).as(as + " logits").isTrue();
                assertThat(p.parameterGradient().gradient().equalsWithEps(expectedParams, 0)).as(as + " params").isTrue();
                assertThat(p.inputGradient().equalsWithEps(expectedInput, 0)).as(as + " input").isTrue();
            }
            assertThat(a.trainingPass(x, l -> w.dup()).inputGradient()).isNull();
        }
    }
}
