package org.xai4j.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.xai4j.testing.FiniteDifferences.relativeError;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.xai4j.testing.FiniteDifferences;
import org.xai4j.testing.TestGraphs;

/** {@link Target} factories and the batch conventions of {@link ModelAdapter}. */
class ModelAdapterTargetTest {
    @BeforeAll
    static void threads() {
        FiniteDifferences.singleThreaded();
    }

    private static final INDArray Z = Nd4j.create(new double[][] {{1, 2, 3}, {4, 5, 6}});

    @Test
    void factoriesGiveTheExpectedOutputGradients() {
        assertThat(Target.logit(1).outputGradient(Z)).isEqualTo(Nd4j.create(new double[][] {{0, 1, 0}, {0, 1, 0}}));
        assertThat(Target.perExample(new int[] {2, 0}).outputGradient(Z))
                .isEqualTo(Nd4j.create(new double[][] {{0, 0, 1}, {1, 0, 0}}));
        assertThat(Target.sum(0, 2, 2).outputGradient(Z))
                .isEqualTo(Nd4j.create(new double[][] {{1, 0, 2}, {1, 0, 2}}));
        INDArray w = Nd4j.create(new double[][] {{0.5, -1, 2}, {3, 0, 1}});
        assertThat(Target.weights(w).outputGradient(Z)).isEqualTo(w);
        assertThat(Target.weights(Nd4j.create(new double[] {1, 2, 3})).outputGradient(Z))
                .isEqualTo(Nd4j.create(new double[][] {{1, 2, 3}, {1, 2, 3}}));
        assertThat(Z).isEqualTo(Nd4j.create(new double[][] {{1, 2, 3}, {4, 5, 6}}));
        assertThatThrownBy(() -> Target.logit(3).outputGradient(Z)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> Target.perExample(new int[] {0}).outputGradient(Z))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void batchResultEqualsPerExampleResultsInInferenceMode() {
        ModelAdapter a = new ModelAdapter(TestGraphs.residualConcat(DataType.DOUBLE, 1));
        INDArray x = TestGraphs.input(TestGraphs.RESIDUAL_INPUT, 3, DataType.DOUBLE, 2);
        int[] classes = {1, 0, 1};
        INDArray batch = a.inputGradient(x, Target.perExample(classes), Mode.INFERENCE);
        for (int n = 0; n < 3; n++) {
            INDArray xn = x.get(NDArrayIndex.interval(n, n + 1)).dup();
            INDArray one = a.inputGradient(xn, Target.logit(classes[n]), Mode.INFERENCE);
            assertThat(relativeError(batch.get(NDArrayIndex.interval(n, n + 1)), one)).isLessThan(1e-13);
        }
    }

    @Test
    void floatInputsAreCastToTheNetworkType() {
        ModelAdapter a = new ModelAdapter(TestGraphs.residualConcat(DataType.DOUBLE, 3));
        INDArray x = TestGraphs.input(TestGraphs.RESIDUAL_INPUT, 2, DataType.DOUBLE, 4);
        INDArray g = a.inputGradient(x.castTo(DataType.FLOAT), Target.logit(0), Mode.INFERENCE);
        assertThat(g.dataType()).isEqualTo(DataType.DOUBLE);
        assertThat(relativeError(g, a.inputGradient(x.castTo(DataType.FLOAT).castTo(DataType.DOUBLE),
                Target.logit(0), Mode.INFERENCE))).isLessThan(1e-15);
    }

    @Test
    void wrongTargetShapeAndBackwardWithoutForwardAreRefused() {
        ModelAdapter a = new ModelAdapter(TestGraphs.tiny(DataType.DOUBLE, 5));
        INDArray x = TestGraphs.input(TestGraphs.TINY_INPUT, 2, DataType.DOUBLE, 6);
        assertThatThrownBy(() -> a.inputGradient(x, z -> Nd4j.ones(3, 2), Mode.INFERENCE))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> a.backward(Nd4j.ones(2, 2), false)).isInstanceOf(IllegalStateException.class);
        a.forward(x, Mode.TRAINING);
        a.backward(Nd4j.ones(DataType.DOUBLE, 2, 2), false);
        assertThatThrownBy(() -> a.backward(Nd4j.ones(2, 2), false)).isInstanceOf(IllegalStateException.class);
    }
}
