package org.xai4j.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class WeightedBceTest {
    private static INDArray col(double... v) {
        return Nd4j.createFromArray(v).reshape(v.length, 1);
    }

    @Test
    void valueAndGradientMatchHandComputation() {
        // batch: 1 positive, 3 negatives -> beta = 3
        INDArray z = col(0.5, -1.0, 2.0, 0.0);
        INDArray y = col(1, 0, 0, 0);
        LossValue v = WeightedBce.weighted(BetaMode.BATCH, new double[] {7}).compute(z, y);
        double s0 = 1 / (1 + Math.exp(-0.5));
        double s1 = 1 / (1 + Math.exp(1.0));
        double s2 = 1 / (1 + Math.exp(-2.0));
        double s3 = 0.5;
        double expected = (-3 * Math.log(s0) - Math.log(1 - s1) - Math.log(1 - s2) - Math.log(1 - s3)) / 4;
        assertThat(v.value()).isCloseTo(expected, within(1e-12));
        double[] g = v.logitGradient().toDoubleVector();
        assertThat(g[0]).isCloseTo(-3 * (1 - s0), within(1e-12));
        assertThat(g[1]).isCloseTo(s1, within(1e-12));
        assertThat(g[2]).isCloseTo(s2, within(1e-12));
        assertThat(g[3]).isCloseTo(s3, within(1e-12));
    }

    /** U-Ignore: a NaN label adds nothing to the loss or its gradient and is not counted in beta. */
    @Test
    void aNanLabelIsMaskedOut() {
        INDArray z = Nd4j.createFromArray(new double[][] {{0.5, 1.0}, {-1.0, 2.0}, {2.0, -0.5}, {0.0, 0.3}});
        INDArray y = Nd4j.createFromArray(new double[][] {{1, Double.NaN}, {0, 1}, {0, 0}, {Double.NaN, 0}});
        WeightedBce loss = WeightedBce.weighted(BetaMode.BATCH, new double[] {1, 1});
        LossValue v = loss.compute(z, y);
        // label 0: known rows 0-2, 1 positive and 2 negatives -> beta 2; label 1: rows 1-3, 1 positive -> beta 2
        double expected = (2 * WeightedBce.softplus(-0.5) + WeightedBce.softplus(-1.0) + WeightedBce.softplus(2.0)
                + 2 * WeightedBce.softplus(-2.0) + WeightedBce.softplus(-0.5) + WeightedBce.softplus(0.3)) / 4;
        assertThat(v.value()).isCloseTo(expected, within(1e-12));
        assertThat(v.logitGradient().getDouble(0, 1)).isZero();
        assertThat(v.logitGradient().getDouble(3, 0)).isZero();
        assertThat(v.logitGradient().getDouble(0, 0)).isCloseTo(-2 * (1 - WeightedBce.sigmoid(0.5)), within(1e-12));
        assertThat(WeightedBce.datasetBeta(new float[][] {{1, Float.NaN}, {0, 1}, {0, 0}, {Float.NaN, 0}}, 2))
                .containsExactly(2.0, 2.0);
    }

    @Test
    void batchWithoutPositivesFallsBackToDatasetBeta() {
        INDArray z = col(0.3, -0.2);
        INDArray y = col(0, 0);
        WeightedBce loss = WeightedBce.weighted(BetaMode.BATCH, new double[] {5});
        assertThat(loss.betaFor(y.toDoubleMatrix())).containsExactly(5.0);
        LossValue v = loss.compute(z, y);
        double expected = (Math.log1p(Math.exp(0.3)) + Math.log1p(Math.exp(-0.2))) / 2;
        assertThat(v.value()).isCloseTo(expected, within(1e-12));
        assertThat(Double.isFinite(v.logitGradient().sumNumber().doubleValue())).isTrue();
        // batch of only positives: also the fallback, never beta = 0
        assertThat(loss.betaFor(col(1, 1).toDoubleMatrix())).containsExactly(5.0);
    }

    @Test
    void gradientMatchesFiniteDifferencesOfTheBatchSum() {
        INDArray z = Nd4j.createFromArray(new double[][] {{0.2, -1.3}, {3.0, 0.7}, {-0.4, 0.1}});
        INDArray y = Nd4j.createFromArray(new double[][] {{1, 0}, {0, 1}, {0, 0}});
        WeightedBce loss = WeightedBce.weighted(BetaMode.BATCH, new double[] {2, 2});
        double[][] g = loss.compute(z, y).logitGradient().toDoubleMatrix();
        double h = 1e-6;
        for (int i = 0; i < 3; i++) {
            for (int c = 0; c < 2; c++) {
                INDArray zp = z.dup();
                zp.putScalar(i, c, z.getDouble(i, c) + h);
                INDArray zm = z.dup();
                zm.putScalar(i, c, z.getDouble(i, c) - h);
                // the gradient is that of the batch SUM (= N x the mean)
                double fd = 3 * (loss.compute(zp, y).value() - loss.compute(zm, y).value()) / (2 * h);
                assertThat(g[i][c]).isCloseTo(fd, within(1e-7));
            }
        }
    }

    @Test
    void extremeLogitsStayFinite() {
        INDArray z = col(1000, -1000, 1000, -1000);
        INDArray y = col(1, 0, 0, 1);
        LossValue v = WeightedBce.weighted(BetaMode.BATCH, new double[] {1}).compute(z, y);
        assertThat(v.value()).isCloseTo((0 + 0 + 1000 + 1000) / 4.0, within(1e-9));
        double[] g = v.logitGradient().toDoubleVector();
        assertThat(g[0]).isCloseTo(0.0, within(1e-12));
        assertThat(g[1]).isCloseTo(0.0, within(1e-12));
        assertThat(g[2]).isCloseTo(1.0, within(1e-12));
        assertThat(g[3]).isCloseTo(-1.0, within(1e-12));
    }

    @Test
    void plainBceHasUnitWeightAndKeepsTheDataType() {
        INDArray z = col(0.0, 0.0).castTo(DataType.FLOAT);
        LossValue v = WeightedBce.plain(1).compute(z, col(1, 0).castTo(DataType.FLOAT));
        assertThat(v.value()).isCloseTo(Math.log(2), within(1e-9));
        assertThat(v.logitGradient().dataType()).isEqualTo(DataType.FLOAT);
    }

    @Test
    void datasetBetaIsNegativesOverPositives() {
        float[][] labels = {{1, 0}, {0, 0}, {0, 1}, {0, 0}};
        assertThat(WeightedBce.datasetBeta(labels, 2)).containsExactly(3.0, 3.0);
        assertThat(WeightedBce.datasetBeta(new float[][] {{0}, {0}}, 1)).containsExactly(1.0);
    }

    @Test
    void softmaxCrossEntropyGradientIsSoftmaxMinusTarget() {
        INDArray z = Nd4j.createFromArray(new double[][] {{1, 2, 3}});
        INDArray y = Nd4j.createFromArray(new double[][] {{0, 1, 0}});
        LossValue v = new SoftmaxCrossEntropy(3).compute(z, y);
        double sum = Math.exp(1) + Math.exp(2) + Math.exp(3);
        assertThat(v.value()).isCloseTo(-Math.log(Math.exp(2) / sum), within(1e-12));
        assertThat(v.logitGradient().getDouble(0, 1)).isCloseTo(Math.exp(2) / sum - 1, within(1e-12));
    }
}
