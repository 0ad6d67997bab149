package org.xai4j.adversarial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.loss.SoftmaxCrossEntropy;
import org.xai4j.loss.WeightedBce;
import org.xai4j.model.Classifier;
import org.xai4j.model.Mode;
import org.xai4j.model.ModelAdapter;
import org.xai4j.testing.FiniteDifferences;
import org.xai4j.testing.TestGraphs;

/** FGSM against hand-computed perturbations. */
class FgsmTest {
    @BeforeAll
    static void threads() {
        FiniteDifferences.singleThreaded();
    }

    private static final double[][] X = {
            {0.2, 0.98, 0.02, 0.0, 0.7, 0.3},
            {0.9, 0.1, 0.4, 0.6, 0.0, 1.0}};
    private static final double[] Y = {1, 0};

    @Test
    void linfFgsmOnALinearModelIsEpsilonTimesTheSignOfTheHandComputedGradientClipped() {
        ModelAdapter adapter = new ModelAdapter(LinearModel.create());
        double eps = 0.05;
        INDArray x = Nd4j.createFromArray(X).reshape(2, 1, 2, 3);
        INDArray y = Nd4j.createFromArray(Y).reshape(2, 1);
        assertThat(adapter.logits(x, Mode.INFERENCE).getDouble(0, 0)).isCloseTo(LinearModel.logit(X[0]), within(1e-12));
        INDArray adv = new Fgsm(new LinfBall(eps), InputRange.UNIT, WeightedBce.plain(1), false)
                .perturb(adapter, x, y, Mode.INFERENCE, 0);
        double[] got = adv.reshape(12).toDoubleVector();
        for (int n = 0; n < 2; n++) {
            double s = 1 / (1 + Math.exp(-LinearModel.logit(X[n])));
            for (int i = 0; i < 6; i++) {
                double dLdx = (s - Y[n]) * LinearModel.W[i]; // BCE: dL/dz = sigmoid(z) - y
                double expected = Math.min(1, Math.max(0, X[n][i] + eps * Math.signum(dLdx)));
                assertThat(got[n * 6 + i]).as("example %d pixel %d", n, i).isCloseTo(expected, within(1e-15));
            }
        }
        // pixel 3 has w = 0: sign 0, no move; pixels 1 and 2 of example 0 are clipped at 1 and 0
        assertThat(got[3]).isEqualTo(0.0);
        assertThat(got[1]).isEqualTo(1.0);
        assertThat(got[2]).isEqualTo(0.0);
    }

    @Test
    void l2FastGradientOnALinearModelMovesAlongTheWeightsByEpsilon() {
        ModelAdapter adapter = new ModelAdapter(LinearModel.create());
        double eps = 0.1;
        double[][] x0 = {{0.4, 0.5, 0.6, 0.5, 0.4, 0.5}};
        INDArray adv = new Fgsm(new L2Ball(eps), InputRange.UNIT, WeightedBce.plain(1), false)
                .perturb(adapter, Nd4j.createFromArray(x0).reshape(1, 1, 2, 3), Nd4j.zeros(DataType.DOUBLE, 1, 1),
                        Mode.INFERENCE, 0);
        double norm = 0;
        for (double w : LinearModel.W) {
            norm += w * w;
        }
        norm = Math.sqrt(norm);
        double[] got = adv.reshape(6).toDoubleVector();
        for (int i = 0; i < 6; i++) { // label 0: the loss grows with z, so x moves along +w
            assertThat(got[i]).isCloseTo(x0[0][i] + eps * LinearModel.W[i] / norm, within(1e-10));
        }
    }

    @Test
    void fgsmOnABatchNormNetworkFollowsTheSignOfTheFiniteDifferenceGradientInBothModes() {
        Classifier c = TestGraphs.tiny(DataType.DOUBLE, 3);
        ModelAdapter adapter = new ModelAdapter(c);
        INDArray x = TestGraphs.input(c.description().inputShape(), 3, DataType.DOUBLE, 4).muli(0.3).addi(0.5);
        INDArray y = Nd4j.createFromArray(new double[][] {{1, 0}, {0, 1}, {1, 0}});
        SoftmaxCrossEntropy ce = new SoftmaxCrossEntropy(2);
        double eps = 0.01;
        for (Mode mode : Mode.values()) {
            INDArray fd = FiniteDifferences.gradient(
                    in -> ce.compute(adapter.logits(in, mode), y).value() * 3, x.dup(), 1e-6);
            INDArray expected = x.add(Nd4j.math().sign(fd).mul(eps));
            INDArray adv = new Fgsm(new LinfBall(eps), new InputRange(-10, 10), ce, false)
                    .perturb(adapter, x, y, mode, 0);
            assertThat(FiniteDifferences.relativeError(adv, expected)).as(mode.name()).isLessThan(1e-12);
        }
    }
}
