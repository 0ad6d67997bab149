package org.xai4j.faithfulness.axioms;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.testing.FiniteDifferences;

/**
 * The deep-image-prior decoder of the axiom suite: its exact parameter gradient against central differences of
 * {@code sum(patch * G)} in double precision (every layer's weights and biases sampled), the upsampling's adjoint,
 * and that RMSprop steps on a pixel objective move the patch towards it.
 */
class PatchDecoderTest {
    @Test
    void parameterGradientMatchesCentralDifferences() {
        PatchDecoder d = new PatchDecoder(1, 8, 0.01, 3);
        INDArray g = Nd4j.rand(DataType.DOUBLE, 1, 1, 8, 8).subi(0.5);
        assertThat(d.forward().shape()).containsExactly(1, 1, 8, 8);
        INDArray exact = d.backward(g);
        INDArray params = d.params();
        INDArray fd = FiniteDifferences.sampled(p -> {
            d.forget();
            return d.forward().mul(g).sumNumber().doubleValue();
        }, params, exact,
                400, 11, 1e-6);
        INDArray numeric = fd.getRow(1);
        INDArray analytic = fd.getRow(2);
        assertThat(FiniteDifferences.relativeError(analytic, numeric)).isLessThan(1e-6);
        // the last parameters are the output biases: their gradient is sum(G * s * (1 - s)), never 0
        assertThat(exact.getDouble(exact.length() - 1)).isNotZero();
    }

    @Test
    void downsumIsTheAdjointOfUpsampling() {
        INDArray x = Nd4j.rand(DataType.DOUBLE, 2, 3, 4, 5);
        INDArray g = Nd4j.rand(DataType.DOUBLE, 2, 3, 8, 10);
        double left = PatchDecoder.upsample(x).mul(g).sumNumber().doubleValue();
        double right = x.mul(PatchDecoder.downsum(g)).sumNumber().doubleValue();
        assertThat(left).isCloseTo(right, org.assertj.core.data.Offset.offset(1e-10));
        assertThat(PatchDecoder.upsample(x).getDouble(1, 2, 7, 9)).isEqualTo(x.getDouble(1, 2, 3, 4));
    }

    @Test
    void stepsMoveThePatchTowardsItsObjective() {
        PatchDecoder d = new PatchDecoder(1, 16, 0.01, 5);
        double before = d.forward().meanNumber().doubleValue();
        for (int i = 0; i < 100; i++) {
            d.forward();
            d.step(Nd4j.valueArrayOf(new long[] {1, 1, 16, 16}, -1.0));     // loss = -sum(patch): brighten
        }
        assertThat(d.forward().meanNumber().doubleValue()).isGreaterThan(Math.max(before + 0.3, 0.9));
    }
}
