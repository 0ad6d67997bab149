package org.xai4j.constraint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.constraint.ConstraintOptions.Normalization;
import org.xai4j.testing.FiniteDifferences;

class AttributionLossTest {
    static INDArray maps() {
        Nd4j.getRandom().setSeed(4);
        return Nd4j.randn(DataType.DOUBLE, 3, 2, 4, 5).muli(0.7);
    }

    static INDArray targets() {
        INDArray t = Nd4j.zeros(DataType.DOUBLE, 3, 1, 4, 5);
        t.putScalar(new long[] {0, 0, 1, 1}, Double.NaN);
        t.putScalar(new long[] {1, 0, 2, 3}, 1.0);
        t.putScalar(new long[] {1, 0, 0, 0}, 0.3);
        t.slice(2).assign(Double.NaN);
        return t;
    }

    @Test
    void valueIsTheMeanPenaltyOverConstrainedVoxels() {
        INDArray a = Nd4j.zeros(DataType.DOUBLE, 2, 3, 2, 2);
        INDArray t = Nd4j.zeros(DataType.DOUBLE, 2, 1, 2, 2);
        t.slice(1).assign(Double.NaN);
        AttributionLoss.Value v = new AttributionLoss(Penalty.SOFTPLUS, 1.0, Normalization.NONE).evaluate(a, t);
        assertThat(v.value()).isCloseTo(Math.log(2), within(1e-15));
        assertThat(v.constrained()).isEqualTo(12);
        assertThat(v.gradient().slice(0).getDouble(0)).isCloseTo(0.5 / 12, within(1e-15));
        assertThat(v.gradient().slice(1).sumNumber().doubleValue()).isEqualTo(0.0);
    }

    @Test
    void nothingConstrainedGivesZero() {
        INDArray t = Nd4j.valueArrayOf(new long[] {3, 1, 4, 5}, Double.NaN, DataType.DOUBLE);
        AttributionLoss.Value v = new AttributionLoss(Penalty.RELU, 2.0, Normalization.RMS).evaluate(maps(), t);
        assertThat(v.value()).isZero();
        assertThat(v.constrained()).isZero();
        assertThat(v.gradient().amaxNumber().doubleValue()).isZero();
    }

    @Test
    void gradientMatchesCentralDifferences() {
        INDArray t = targets();
        for (Normalization n : Normalization.values()) {
            for (Penalty p : Penalty.values()) {
                if (n == Normalization.RMS && p == Penalty.SQUARED) {
                    continue;
                }
                AttributionLoss loss = new AttributionLoss(p, 3.0, n);
                INDArray a = maps();
                INDArray g = loss.evaluate(a, t).gradient();
                INDArray fd = FiniteDifferences.gradient(x -> loss.evaluate(x, t).value(), a, 1e-6);
                assertThat(FiniteDifferences.relativeError(g, fd)).as(p + " " + n).isLessThan(1e-7);
            }
        }
    }

    @Test
    void penaltiesAgreeWithTheirDefinitions() {
        for (double a : new double[] {-40, -1.5, 0, 0.7, 40}) {
            assertThat(Penalty.SOFTPLUS.value(a, 0)).isCloseTo(Math.log1p(Math.exp(a)), within(1e-12));
            assertThat(Penalty.SOFTPLUS.value(a, 1)).isCloseTo(Math.log1p(Math.exp(-a)), within(1e-12));
            assertThat(Penalty.SOFTPLUS.derivative(a, 0)).isCloseTo(1 / (1 + Math.exp(-a)), within(1e-15));
            assertThat(Penalty.RELU.value(a, 0)).isEqualTo(Math.max(a, 0));
            assertThat(Penalty.SQUARED.value(a, 0.25)).isCloseTo(0.75 * a * a, within(1e-12));
        }
        assertThat(Penalty.SOFTPLUS.value(1000, 0)).isEqualTo(1000.0);
    }

    @Test
    void rejectsMismatchedTargets() {
        AttributionLoss loss = new AttributionLoss(Penalty.RELU, 1.0, Normalization.NONE);
        assertThatThrownBy(() -> loss.evaluate(maps(), Nd4j.zeros(DataType.DOUBLE, 3, 2, 4, 5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("targets:");
    }
}
