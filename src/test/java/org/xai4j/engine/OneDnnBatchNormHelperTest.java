package org.xai4j.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xai4j.testing.FiniteDifferences.relativeError;

import java.util.List;
import java.util.Random;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.normalization.BatchNormalization;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.model.Classifier;
import org.xai4j.model.InputShape;
import org.xai4j.model.ModelOptions;

/**
 * The batch-norm helper in training mode (batch statistics) against a plain double-precision implementation: the
 * forward pass and statistics against the formula, the backward pass against central finite differences of
 * {@code L = sum(dy * y)} in double precision, for every input, gamma and beta entry.
 */
class OneDnnBatchNormHelperTest {
    private static final int N = 3;
    private static final int C = 4;
    private static final int H = 5;
    private static final int W = 6;
    private static final double EPS = 1e-5;

    private final Random random = new Random(11);
    private final double[] x = values(N * C * H * W, 3.0, 2.0); // offset mean: centring matters
    private final double[] gamma = values(C, 1.0, 0.5);
    private final double[] beta = values(C, 0.0, 0.5);
    private final double[] dy = values(N * C * H * W, 0.0, 1.0);

    @Test
    void forwardAndBatchStatisticsMatchTheFormula() {
        OneDnnBatchNormHelper helper = new OneDnnBatchNormHelper();
        INDArray y = forward(helper);
        double[][] stats = statistics(x);
        assertThat(relativeError(helper.getMeanCache(DataType.FLOAT), Nd4j.createFromArray(stats[0]))).isLessThan(1e-6);
        assertThat(relativeError(helper.getVarCache(DataType.FLOAT), Nd4j.createFromArray(stats[1]))).isLessThan(1e-5);
        assertThat(relativeError(y, Nd4j.createFromArray(reference(x, gamma, beta)).reshape(N, C, H, W)))
                .isLessThan(1e-5);
    }

    @Test
    void backwardMatchesFiniteDifferencesOfTheDoublePrecisionForward() {
        OneDnnBatchNormHelper helper = new OneDnnBatchNormHelper();
        forward(helper);
        INDArray dGamma = Nd4j.zeros(DataType.FLOAT, 1, C);
        INDArray dBeta = Nd4j.zeros(DataType.FLOAT, 1, C);
        Pair<Gradient, INDArray> r = helper.backpropGradient(array(x), array(dy), new long[] {N, C, H, W},
                array(gamma).reshape(1, C), array(beta).reshape(1, C), dGamma, dBeta, EPS, CNN2DFormat.NCHW,
                LayerWorkspaceMgr.noWorkspaces());
        assertThat(relativeError(r.getSecond(), Nd4j.createFromArray(finiteDifferences(x, 0)))).as("dx")
                .isLessThan(1e-4);
        assertThat(relativeError(dGamma, Nd4j.createFromArray(finiteDifferences(gamma, 1)))).as("dGamma")
                .isLessThan(1e-4);
        assertThat(relativeError(dBeta, Nd4j.createFromArray(finiteDifferences(beta, 2)))).as("dBeta")
                .isLessThan(1e-4);
    }

    @Test
    void oneByOneFeatureMapsGetTheirStatisticsAndGradients() {
        // the last ResNet stage on 32x32 inputs: ND4J's row reductions over a length-1 dimension returned no array
        INDArray x1 = Nd4j.rand(DataType.FLOAT, 8, C, 1, 1).muli(3).addi(1);
        INDArray mean = Nd4j.zeros(DataType.FLOAT, C);
        INDArray var = Nd4j.zeros(DataType.FLOAT, C);
        OneDnnBatchNormHelper.batchStatistics(x1, CNN2DFormat.NCHW, mean, var, LayerWorkspaceMgr.noWorkspaces());
        assertThat(relativeError(mean, x1.mean(0, 2, 3))).isLessThan(1e-6);
        assertThat(relativeError(var, x1.var(false, 0, 2, 3))).isLessThan(1e-5);
        OneDnnBatchNormHelper helper = new OneDnnBatchNormHelper();
        long[] shape = {8, C, 1, 1};
        helper.preOutput(x1, true, shape, Nd4j.ones(DataType.FLOAT, 1, C), Nd4j.zeros(DataType.FLOAT, 1, C),
                Nd4j.zeros(DataType.FLOAT, 1, C), Nd4j.ones(DataType.FLOAT, 1, C), 0.9, EPS, CNN2DFormat.NCHW,
                LayerWorkspaceMgr.noWorkspaces());
        INDArray dBeta = Nd4j.zeros(DataType.FLOAT, 1, C);
        INDArray dy1 = Nd4j.rand(DataType.FLOAT, shape);
        helper.backpropGradient(x1, dy1, shape, Nd4j.ones(DataType.FLOAT, 1, C), Nd4j.zeros(DataType.FLOAT, 1, C),
                Nd4j.zeros(DataType.FLOAT, 1, C), dBeta, EPS, CNN2DFormat.NCHW, LayerWorkspaceMgr.noWorkspaces());
        assertThat(relativeError(dBeta, dy1.sum(0, 2, 3).reshape(1, C))).as("dBeta = sum dy").isLessThan(1e-6);
    }

    @Test
    void replacesDl4jsOneDnnHelperOnlyOnGraphsThatHaveIt() {
        Classifier builtin = Engine.BUILTIN.during(OneDnnBatchNormHelperTest::resnet);
        assertThat(batchNorms(builtin)).allSatisfy(l -> assertThat(l.getHelper()).isNull());
        if (Engine.oneDnnNativesLoaded()) {
            Classifier onednn = Engine.ONEDNN.during(OneDnnBatchNormHelperTest::resnet);
            assertThat(batchNorms(onednn)).isNotEmpty()
                    .allSatisfy(l -> assertThat(l.getHelper()).isInstanceOf(OneDnnBatchNormHelper.class));
        }
    }

    private static Classifier resnet() {
        return Classifier.build(new ModelOptions("resnet18", 0.125, List.of(1, 1, 1, 1), 0.0), new InputShape(1, 32, 32),
                1, 1, DataType.FLOAT);
    }

    private static List<Layer> batchNorms(Classifier c) {
        return List.of(c.graph().getLayers()).stream().filter(l -> l instanceof BatchNormalization).toList();
    }

    private INDArray forward(OneDnnBatchNormHelper helper) {
        return helper.preOutput(array(x), true, new long[] {N, C, H, W}, array(gamma).reshape(1, C),
                array(beta).reshape(1, C), Nd4j.zeros(DataType.FLOAT, 1, C), Nd4j.ones(DataType.FLOAT, 1, C), 0.9,
                EPS, CNN2DFormat.NCHW, LayerWorkspaceMgr.noWorkspaces());
    }

    /** dL/d(which: 0 x, 1 gamma, 2 beta) by central differences of the double-precision forward. */
    private double[] finiteDifferences(double[] of, int which) {
        double[] g = new double[of.length];
        double h = 1e-5;
        for (int i = 0; i < of.length; i++) {
            double keep = of[i];
            of[i] = keep + h;
            double up = loss();
            of[i] = keep - h;
            double down = loss();
            of[i] = keep;
            g[i] = (up - down) / (2 * h);
        }
        return g;
    }

    private double loss() {
        double[] y = reference(x, gamma, beta);
        double l = 0;
        for (int i = 0; i < y.length; i++) {
            l += dy[i] * y[i];
        }
        return l;
    }

    private static double[] reference(double[] x, double[] gamma, double[] beta) {
        double[][] s = statistics(x);
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            int c = (i / (H * W)) % C;
            y[i] = gamma[c] * (x[i] - s[0][c]) / Math.sqrt(s[1][c] + EPS) + beta[c];
        }
        return y;
    }

    /** Per-channel mean and biased variance over N, H, W. */
    private static double[][] statistics(double[] x) {
        double[] mean = new double[C];
        double[] var = new double[C];
        int m = N * H * W;
        for (int i = 0; i < x.length; i++) {
            mean[(i / (H * W)) % C] += x[i] / m;
        }
        for (int i = 0; i < x.length; i++) {
            int c = (i / (H * W)) % C;
            var[c] += (x[i] - mean[c]) * (x[i] - mean[c]) / m;
        }
        return new double[][] {mean, var};
    }

    private INDArray array(double[] v) {
        INDArray a = Nd4j.createFromArray(v).castTo(DataType.FLOAT);
        return v.length == N * C * H * W ? a.reshape(N, C, H, W) : a;
    }

    private double[] values(int n, double centre, double spread) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (centre + spread * (2 * random.nextDouble() - 1)); // exact in float32 too
        }
        return v;
    }
}
