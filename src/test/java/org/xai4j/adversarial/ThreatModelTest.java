package org.xai4j.adversarial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The threat geometry against slow per-coordinate references in double precision. */
class ThreatModelTest {
    private static double[][] random(int n, int d, double scale, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] v = new double[n][d];
        for (double[] row : v) {
            for (int j = 0; j < d; j++) {
                row[j] = (2 * r.nextDouble() - 1) * scale;
            }
        }
        return v;
    }

    private static java.util.List<Double> boxed(double[] v) {
        return java.util.Arrays.stream(v).boxed().toList();
    }

    private static INDArray array(double[][] v) {
        return Nd4j.createFromArray(v);
    }

    @Test
    void linfProjectionClipsEachCoordinateOfThePerturbation() {
        double eps = 0.1;
        double[][] x0 = random(5, 7, 1, 1);
        double[][] x = random(5, 7, 1, 2);
        double[][] p = new LinfBall(eps).project(array(x), array(x0)).toDoubleMatrix();
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < x[i].length; j++) {
                double expected = x0[i][j] + Math.max(-eps, Math.min(eps, x[i][j] - x0[i][j]));
                assertThat(p[i][j]).isCloseTo(expected, within(1e-15));
            }
        }
    }

    @Test
    void l2ProjectionRescalesLongPerturbationsOntoTheSphereAndKeepsShortOnes() {
        double eps = 0.5;
        double[][] x0 = random(6, 9, 1, 3);
        double[][] x = random(6, 9, 1, 4);
        for (int j = 0; j < 9; j++) {
            x[0][j] = x0[0][j] + 0.01; // norm 0.03 < eps: unchanged
        }
        double[][] p = new L2Ball(eps).project(array(x), array(x0)).toDoubleMatrix();
        for (int i = 0; i < x.length; i++) {
            double norm = 0;
            for (int j = 0; j < x[i].length; j++) {
                norm += (x[i][j] - x0[i][j]) * (x[i][j] - x0[i][j]);
            }
            norm = Math.sqrt(norm);
            double f = norm > eps ? eps / norm : 1;
            for (int j = 0; j < x[i].length; j++) {
                assertThat(p[i][j]).isCloseTo(x0[i][j] + f * (x[i][j] - x0[i][j]), within(1e-14));
            }
        }
        assertThat(boxed(new L2Ball(eps).norms(array(p).sub(array(x0))))).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(eps + 1e-12));
    }

    @Test
    void stepsHaveTheRequestedLengthInTheirNormAndPointUphill() {
        INDArray g = array(random(4, 10, 3, 5));
        INDArray linf = new LinfBall(1).step(g, 0.2);
        assertThat(linf).isEqualTo(Nd4j.math().sign(g).mul(0.2));
        INDArray l2 = new L2Ball(1).step(g, 0.2);
        for (double n : new L2Ball(1).norms(l2)) {
            assertThat(n).isCloseTo(0.2, within(1e-9)); // MadryLab adds 1e-10 to the norm
        }
        double[] dots = l2.mul(g).sum(1).toDoubleVector();
        assertThat(boxed(dots)).allSatisfy(d -> assertThat(d).isPositive());
        assertThat(new L2Ball(1).step(Nd4j.zeros(DataType.DOUBLE, 2, 3), 0.2).sumNumber().doubleValue()).isZero();
    }

    @Test
    void randomStartsLieInTheBall() {
        SplittableRandom rng = new SplittableRandom(6);
        INDArray linf = new LinfBall(0.05).randomPerturbation(8, 100, DataType.DOUBLE, rng);
        assertThat(boxed(new LinfBall(0.05).norms(linf))).allSatisfy(n -> assertThat(n).isBetween(0.04, 0.05));
        INDArray l2 = new L2Ball(0.7).randomPerturbation(8, 100, DataType.FLOAT, rng);
        assertThat(l2.dataType()).isEqualTo(DataType.FLOAT);
        assertThat(boxed(new L2Ball(0.7).norms(l2))).allSatisfy(n -> assertThat(n).isCloseTo(0.7, within(1e-5)));
        // different draws for different rows
        assertThat(l2.getRow(0)).isNotEqualTo(l2.getRow(1));
    }

    @Test
    void clippingToTheRangeKeepsPointsInTheBallEvenWhenTheCleanInputLiesOutsideTheRange() {
        double[][] x0 = {{0.5, 1.2, -0.1, 0.0}};
        double[][] x = {{1.5, 1.5, -0.5, -0.3}};
        double[][] c = InputRange.UNIT.clip(array(x), array(x0)).toDoubleMatrix();
        assertThat(c[0]).containsExactly(1.0, 1.2, -0.1, 0.0);
        assertThatThrownBy(() -> new InputRange(1, 0)).hasMessageStartingWith("range:");
        assertThatThrownBy(() -> new L2Ball(-1)).hasMessageStartingWith("epsilon:");
    }
}
