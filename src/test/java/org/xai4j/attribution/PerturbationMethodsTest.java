package org.xai4j.attribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;
import static org.xai4j.testing.FiniteDifferences.relativeError;

import java.util.Random;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.model.Classifier;
import org.xai4j.model.Mode;
import org.xai4j.model.ModelAdapter;
import org.xai4j.model.Target;
import org.xai4j.testing.AttributionGraphs;
import org.xai4j.testing.FiniteDifferences;
import org.xai4j.testing.TestGraphs;

/** SmoothGrad / VarGrad, Occlusion and Guided Backprop against references and analytic answers. */
class PerturbationMethodsTest {
    private static final Target TARGET = Target.perExample(new int[] {1, 0});

    @BeforeAll
    static void threads() {
        FiniteDifferences.singleThreaded();
    }

    @Test
    void smoothGradWithZeroNoiseIsTheWrappedMethodAndVarGradIsZero() {
        ModelAdapter a = new ModelAdapter(AttributionGraphs.smooth(3, 1));
        INDArray x = TestGraphs.input(AttributionGraphs.INPUT, 2, DataType.DOUBLE, 2);
        NoiseTunnel.Options quiet = new NoiseTunnel.Options(5, 0.0, 1L, 4);
        INDArray grad = new Gradient(a).attribute(x, TARGET);
        assertThat(relativeError(new NoiseTunnel(new Gradient(a), NoiseTunnel.Variant.SMOOTHGRAD, quiet)
                .attribute(x, TARGET), grad)).isLessThan(1e-14);
        INDArray ig = new IntegratedGradients(a).attribute(x, TARGET);
        assertThat(relativeError(new NoiseTunnel(new IntegratedGradients(a), NoiseTunnel.Variant.SMOOTHGRAD, quiet)
                .attribute(x, TARGET), ig)).isLessThan(1e-13);
        INDArray var = new NoiseTunnel(new Gradient(a), NoiseTunnel.Variant.VARGRAD, quiet).attribute(x, TARGET);
        assertThat(var.norm2Number().doubleValue()).isLessThan(1e-12 * grad.norm2Number().doubleValue());
    }

    @Test
    void smoothGradAndVarGradEqualALoopOverNoisyGradientsWhateverTheChunking() {
        ModelAdapter a = new ModelAdapter(AttributionGraphs.smooth(3, 3));
        INDArray x = TestGraphs.input(AttributionGraphs.INPUT, 2, DataType.DOUBLE, 4);
        int samples = 5;
        double sigma = 0.3;
        Random r = new Random(9);
        INDArray sum = Nd4j.zeros(DataType.DOUBLE, x.shape());
        INDArray sumSq = Nd4j.zeros(DataType.DOUBLE, x.shape());
        for (int j = 0; j < samples; j++) {
            INDArray noisy = x.dup();
            for (long i = 0; i < noisy.length(); i++) {
                noisy.putScalar(i, noisy.getDouble(i) + sigma * r.nextGaussian());
            }
            INDArray g = a.inputGradient(noisy, TARGET, Mode.INFERENCE);
            sum.addi(g);
            sumSq.addi(g.mul(g));
        }
        INDArray mean = sum.div(samples);
        INDArray variance = sumSq.div(samples).sub(mean.mul(mean));
        for (int chunk : new int[] {1, 2, 6, 100}) {
            NoiseTunnel.Options o = new NoiseTunnel.Options(samples, sigma, 9L, chunk);
            assertThat(relativeError(new NoiseTunnel(new Gradient(a), NoiseTunnel.Variant.SMOOTHGRAD, o)
                    .attribute(x, TARGET), mean)).as("chunk %d", chunk).isLessThan(1e-13);
            assertThat(relativeError(new NoiseTunnel(new Gradient(a), NoiseTunnel.Variant.SMOOTHGRAD_SQ, o)
                    .attribute(x, TARGET), sumSq.div(samples))).isLessThan(1e-13);
            assertThat(relativeError(new NoiseTunnel(new Gradient(a), NoiseTunnel.Variant.VARGRAD, o)
                    .attribute(x, TARGET), variance)).isLessThan(1e-10);
        }
        assertThat(relativeError(mean, new Gradient(a).attribute(x, TARGET))).as("noise matters").isGreaterThan(1e-3);
    }

    @Test
    void occlusionOnALinearModelEqualsTheAnalyticAnswer() {
        Classifier c = AttributionGraphs.linear(2, 5);
        ModelAdapter a = new ModelAdapter(c);
        INDArray x = TestGraphs.input(AttributionGraphs.LINEAR_INPUT, 3, DataType.DOUBLE, 6);
        INDArray w = c.graph().getLayer("logits").getParam("W"); // 36 x 2, NCHW flattening
        INDArray b = c.graph().getLayer("logits").getParam("b");
        assertThat(relativeError(a.logits(x, Mode.INFERENCE), x.reshape(3, 36).mmul(w).addRowVector(b)))
                .as("layout of the linear model").isLessThan(1e-14);
        int[] cls = {1, 0, 1};
        for (int[] ps : new int[][] {{1, 1}, {2, 2}, {3, 1}, {4, 2}, {3, 3}}) {
            int patch = ps[0];
            int stride = ps[1];
            double value = 0.25;
            INDArray got = new Occlusion(a, new Occlusion.Options(patch, stride, value, 5))
                    .attribute(x, Target.perExample(cls));
            for (int n = 0; n < 3; n++) {
                double[] sum = new double[36];
                int[] count = new int[36];
                for (int y0 = 0; y0 + patch <= 6; y0 += stride) {
                    for (int x0 = 0; x0 + patch <= 6; x0 += stride) {
                        double drop = 0; // T(x) - T(occluded) = sum over the window of w (x - value)
                        for (int y = y0; y < y0 + patch; y++) {
                            for (int xx = x0; xx < x0 + patch; xx++) {
                                drop += w.getDouble(y * 6 + xx, cls[n]) * (x.getDouble(n, 0, y, xx) - value);
                            }
                        }
                        for (int y = y0; y < y0 + patch; y++) {
                            for (int xx = x0; xx < x0 + patch; xx++) {
                                sum[y * 6 + xx] += drop;
                                count[y * 6 + xx]++;
                            }
                        }
                    }
                }
                for (int p = 0; p < 36; p++) {
                    double expected = count[p] == 0 ? 0 : sum[p] / count[p];
                    assertThat(got.getDouble(n, 0, p / 6, p % 6)).as("patch %d stride %d", patch, stride)
                            .isCloseTo(expected, offset(1e-12));
                }
            }
            if (patch == 1) {
                INDArray ixgFromValue = new IntegratedGradients(a, new IntegratedGradients.Options(1,
                        Quadrature.RIEMANN_RIGHT, Baseline.constant(value), 64)).attribute(x, Target.perExample(cls));
                assertThat(relativeError(got, ixgFromValue)).isLessThan(1e-12);
            }
        }
        assertThatThrownBy(() -> new Occlusion(a, new Occlusion.Options(7, 1, 0.0, 4)).attribute(x, Target.logit(0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("patch");
    }

    @Test
    void guidedBackpropMatchesAHandWrittenBackwardPassThroughAReluNetwork() {
        Classifier c = AttributionGraphs.mlp(7);
        ModelAdapter a = new ModelAdapter(c);
        INDArray w1 = c.graph().getLayer("hidden").getParam("W"); // 4 x 3
        INDArray b1 = c.graph().getLayer("hidden").getParam("b");
        INDArray w2 = c.graph().getLayer("logits").getParam("W"); // 3 x 2
        Nd4j.getRandom().setSeed(8);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 6, 1, 2, 2).subi(0.5).muli(4);
        GuidedBackprop guided = new GuidedBackprop(a);
        assertThat(guided.guidedLayers()).isEqualTo(1);
        boolean differs = false;
        for (int k = 0; k < 2; k++) {
            INDArray got = guided.attribute(x, Target.logit(k));
            INDArray grad = new Gradient(a).attribute(x, Target.logit(k));
            for (int n = 0; n < 6; n++) {
                double[] gh = new double[3];
                double[] plain = new double[3];
                for (int j = 0; j < 3; j++) {
                    double z = b1.getDouble(j);
                    for (int i = 0; i < 4; i++) {
                        z += w1.getDouble(i, j) * x.getDouble(n, 0, i / 2, i % 2);
                    }
                    double eps = w2.getDouble(j, k);
                    gh[j] = z > 0 ? Math.max(eps, 0) : 0;
                    plain[j] = z > 0 ? eps : 0;
                }
                for (int i = 0; i < 4; i++) {
                    double expected = 0;
                    double expectedPlain = 0;
                    for (int j = 0; j < 3; j++) {
                        expected += w1.getDouble(i, j) * gh[j];
                        expectedPlain += w1.getDouble(i, j) * plain[j];
                    }
                    assertThat(got.getDouble(n, 0, i / 2, i % 2)).isCloseTo(expected, offset(1e-14));
                    assertThat(grad.getDouble(n, 0, i / 2, i % 2)).isCloseTo(expectedPlain, offset(1e-14));
                    differs |= Math.abs(expected - expectedPlain) > 1e-6;
                }
            }
        }
        assertThat(differs).as("negative gradients were blocked somewhere").isTrue();
    }

    @Test
    void guidedBackpropReplacesFusedAndStandaloneRectifiersAndLeavesTheModelAlone() {
        Classifier c = AttributionGraphs.relu(2, 9);
        ModelAdapter a = new ModelAdapter(c);
        INDArray params = c.graph().params().dup();
        INDArray x = TestGraphs.input(AttributionGraphs.INPUT, 2, DataType.DOUBLE, 10);
        GuidedBackprop guided = new GuidedBackprop(a);
        assertThat(guided.guidedLayers()).isEqualTo(2);
        INDArray g1 = guided.attribute(x, Target.logit(0));
        assertThat(relativeError(g1, new Gradient(a).attribute(x, Target.logit(0)))).isGreaterThan(1e-3);
        assertThat(c.graph().params()).isEqualTo(params);
        assertThat(c.graph().getConfiguration().getVertices().toString()).doesNotContain("guided");
        // follows the caller's parameters when they change
        c.graph().params().muli(1.1);
        INDArray fresh = new GuidedBackprop(a).attribute(x, Target.logit(0));
        assertThat(relativeError(guided.attribute(x, Target.logit(0)), fresh)).isLessThan(1e-14);
        // no rectifier: the plain gradient
        ModelAdapter smooth = new ModelAdapter(AttributionGraphs.smooth(2, 1));
        assertThat(relativeError(new GuidedBackprop(smooth).attribute(x, Target.logit(1)),
                new Gradient(smooth).attribute(x, Target.logit(1)))).isLessThan(1e-15);
    }
}
