package org.xai4j.attribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;
import static org.xai4j.testing.FiniteDifferences.relativeError;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.model.Classifier;
import org.xai4j.model.Mode;
import org.xai4j.model.ModelAdapter;
import org.xai4j.model.TapResult;
import org.xai4j.model.Target;
import org.xai4j.testing.FiniteDifferences;
import org.xai4j.testing.AttributionGraphs;
import org.xai4j.testing.TestGraphs;

/** The CAM family against manual computations from tap activations and gradients. */
class CamTest {
    @BeforeAll
    static void threads() {
        FiniteDifferences.singleThreaded();
    }

    @Test
    void bilinearResizeUsesHalfPixelCentres() {
        // 2x2 -> 4x4: output x samples input at (x + 0.5)/2 - 0.5 = -0.25, 0.25, 0.75, 1.25 -> clamped 0, .25, .75, 1
        double[] up = Bilinear.resize(new double[] {0, 1, 2, 3}, 2, 2, 4, 4);
        assertThat(java.util.Arrays.copyOfRange(up, 0, 4)).containsExactly(new double[] {0, 0.25, 0.75, 1},
                offset(1e-15));
        assertThat(java.util.Arrays.copyOfRange(up, 4, 8)).containsExactly(new double[] {0.5, 0.75, 1.25, 1.5},
                offset(1e-15));
        assertThat(Bilinear.resize(new double[] {7}, 1, 1, 3, 2)).containsOnly(7.0);
        double[] same = {1, 2, 3, 4, 5, 6};
        assertThat(Bilinear.resize(same, 2, 3, 2, 3)).containsExactly(same);
    }

    @Test
    void gradCamEqualsTheManualComputationFromTapActivationsAndGradients() {
        Classifier c = TestGraphs.residualConcat(DataType.DOUBLE, 3);
        ModelAdapter a = new ModelAdapter(c);
        INDArray x = TestGraphs.input(TestGraphs.RESIDUAL_INPUT, 2, DataType.DOUBLE, 4);
        Target t = Target.perExample(new int[] {1, 0});
        TapResult tap = a.tap(x, "last_conv", t, Mode.INFERENCE);
        INDArray got = new GradCam(a, "last_conv").attribute(x, t);
        assertThat(got.shape()).isEqualTo(x.shape());
        int k = (int) tap.activations().size(1);
        int h = (int) tap.activations().size(2);
        int w = (int) tap.activations().size(3);
        for (int n = 0; n < 2; n++) {
            double[] map = new double[h * w];
            for (int ch = 0; ch < k; ch++) {
                double alpha = 0;
                for (int i = 0; i < h; i++) {
                    for (int j = 0; j < w; j++) {
                        alpha += tap.gradient().getDouble(n, ch, i, j) / (h * w);
                    }
                }
                for (int i = 0; i < h; i++) {
                    for (int j = 0; j < w; j++) {
                        map[i * w + j] += alpha * tap.activations().getDouble(n, ch, i, j);
                    }
                }
            }
            for (int i = 0; i < map.length; i++) {
                map[i] = Math.max(0, map[i]);
            }
            double[] up = Bilinear.resize(map, h, w, 6, 6);
            for (int ch = 0; ch < 2; ch++) {
                for (int i = 0; i < 6; i++) {
                    for (int j = 0; j < 6; j++) {
                        assertThat(got.getDouble(n, ch, i, j)).isCloseTo(up[i * 6 + j], offset(1e-14));
                    }
                }
            }
        }
        assertThat(got.maxNumber().doubleValue()).as("the map is not trivially zero").isGreaterThan(0);
    }

    @Test
    void gradCamPlusPlusEqualsPytorchGradCamsFormula() {
        Classifier c = AttributionGraphs.smooth(3, 5);
        ModelAdapter a = new ModelAdapter(c);
        INDArray x = TestGraphs.input(AttributionGraphs.INPUT, 2, DataType.DOUBLE, 6);
        Target t = Target.logit(2);
        TapResult tap = a.tap(x, "last_conv", t, Mode.INFERENCE);
        INDArray low = new GradCamPlusPlus(a, "last_conv").lowResolution(x, t);
        for (int n = 0; n < 2; n++) {
            double[][] map = new double[8][8];
            for (int ch = 0; ch < 5; ch++) {
                double sumA = 0;
                for (int i = 0; i < 8; i++) {
                    for (int j = 0; j < 8; j++) {
                        sumA += tap.activations().getDouble(n, ch, i, j);
                    }
                }
                double weight = 0;
                for (int i = 0; i < 8; i++) {
                    for (int j = 0; j < 8; j++) {
                        double g = tap.gradient().getDouble(n, ch, i, j);
                        double aij = g == 0 ? 0 : g * g / (2 * g * g + sumA * g * g * g + 1e-6);
                        weight += aij * Math.max(g, 0);
                    }
                }
                for (int i = 0; i < 8; i++) {
                    for (int j = 0; j < 8; j++) {
                        map[i][j] += weight * tap.activations().getDouble(n, ch, i, j);
                    }
                }
            }
            for (int i = 0; i < 8; i++) {
                for (int j = 0; j < 8; j++) {
                    assertThat(low.getDouble(n, i, j)).isCloseTo(Math.max(0, map[i][j]), offset(1e-13));
                }
            }
        }
    }

    @Test
    void camUsesTheHeadWeightsAndEqualsGradCamTimesTheMapAreaOnAPoolingHead() {
        ModelAdapter a = new ModelAdapter(AttributionGraphs.smooth(3, 7));
        INDArray x = TestGraphs.input(AttributionGraphs.INPUT, 3, DataType.DOUBLE, 8);
        Target t = Target.perExample(new int[] {2, 0, 1});
        INDArray cam = new Cam(a, "last_conv").attribute(x, t);
        INDArray gradCam = new GradCam(a, "last_conv").attribute(x, t);
        assertThat(relativeError(cam, gradCam.mul(64))).isLessThan(1e-12);
        assertThatThrownBy(() -> new Cam(a, "stage1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("gradcam");
        assertThatThrownBy(() -> new GradCam(a, "nope")).hasMessageContaining("last_conv");
    }
}
