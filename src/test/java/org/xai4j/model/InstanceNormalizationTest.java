package org.xai4j.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link InstanceNormalization} against a hand computation (forward) and central finite differences (parameter
 * gradients, including a convolution before it, whose gradients pass through the layer's input gradient), in
 * double precision.
 */
class InstanceNormalizationTest {
    private static final int N = 2;
    private static final int C = 3;
    private static final int H = 4;
    private static final int W = 5;
    private ComputationGraph graph;
    private INDArray x;

    @BeforeEach
    void tinyGraph() {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.DOUBLE)
                .weightInit(WeightInit.RELU).convolutionMode(ConvolutionMode.Same).graphBuilder()
                .addInputs("input").setInputTypes(InputType.convolutional(H, W, 2))
                .addLayer("conv", new ConvolutionLayer.Builder(3, 3).nOut(C).activation(Activation.IDENTITY).build(), "input")
                .addLayer("norm", InstanceNormalization.create(), "conv")
                .setOutputs("norm").build();
        graph = Classifier.newGraph(conf);
        Nd4j.getRandom().setSeed(5);
        graph.getLayer("norm").getParam(InstanceNormalizationParams.GAMMA).assign(Nd4j.rand(DataType.DOUBLE, 1, C).addi(0.5));
        graph.getLayer("norm").getParam(InstanceNormalizationParams.BETA).assign(Nd4j.randn(DataType.DOUBLE, 1, C));
        x = Nd4j.randn(DataType.DOUBLE, N, 2, H, W);
    }

    @Test
    void normalisesEachChannelOfEachExampleOverSpace() {
        INDArray in = graph.feedForward(x, false).get("conv");
        INDArray out = graph.output(x)[0];
        INDArray gamma = graph.getLayer("norm").getParam(InstanceNormalizationParams.GAMMA);
        INDArray beta = graph.getLayer("norm").getParam(InstanceNormalizationParams.BETA);
        for (int n = 0; n < N; n++) {
            for (int c = 0; c < C; c++) {
                double mean = 0;
                for (int h = 0; h < H; h++) {
                    for (int w = 0; w < W; w++) {
                        mean += in.getDouble(n, c, h, w) / (H * W);
                    }
                }
                double var = 0;
                for (int h = 0; h < H; h++) {
                    for (int w = 0; w < W; w++) {
                        var += Math.pow(in.getDouble(n, c, h, w) - mean, 2) / (H * W);
                    }
                }
                for (int h = 0; h < H; h++) {
                    for (int w = 0; w < W; w++) {
                        double expected = gamma.getDouble(0, c) * (in.getDouble(n, c, h, w) - mean)
                                / Math.sqrt(var + 1e-5) + beta.getDouble(0, c);
                        assertThat(out.getDouble(n, c, h, w)).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-12));
                    }
                }
            }
        }
    }

    @Test
    void parameterGradientsMatchCentralDifferences() {
        INDArray weights = Nd4j.randn(DataType.DOUBLE, N, C, H, W); // loss = sum(weights * output)
        graph.feedForward(new INDArray[] {x}, true, false);
        graph.backpropGradient(weights);
        INDArray analytic = graph.getGradientsViewArray().dup();
        INDArray params = graph.params();
        double h = 1e-6;
        for (long i = 0; i < params.length(); i++) {
            double p = params.getDouble(i);
            params.putScalar(i, p + h);
            double plus = graph.output(x)[0].mul(weights).sumNumber().doubleValue();
            params.putScalar(i, p - h);
            double minus = graph.output(x)[0].mul(weights).sumNumber().doubleValue();
            params.putScalar(i, p);
            double numeric = (plus - minus) / (2 * h);
            assertThat(analytic.getDouble(i)).as("parameter %d", i)
                    .isCloseTo(numeric, org.assertj.core.data.Offset.offset(1e-6 + 1e-6 * Math.abs(numeric)));
        }
    }

    @Test
    void survivesJsonRoundTrip() {
        ComputationGraphConfiguration conf = graph.getConfiguration();
        ComputationGraphConfiguration back = ComputationGraphConfiguration.fromJson(conf.toJson());
        assertThat(back).isEqualTo(conf);
        LayerVertex vertex = (LayerVertex) back.getVertices().get("norm");
        InstanceNormalization layer = (InstanceNormalization) vertex.getLayerConf().getLayer();
        assertThat(layer.getNOut()).isEqualTo(C);
        assertThat(layer.getEps()).isEqualTo(1e-5);
    }
}
