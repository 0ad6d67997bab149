package org.xai4j.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * xai4j's layer implementations give the same outputs and gradients as DL4J's own (same graph, same parameters, one
 * with the layers swapped and one without), in float32 (oneDNN helper, when the build has its natives) and in double
 * precision (DL4J's im2col path): the convolution without DL4J's backprop recomputation, swapped in only for the
 * identity activation (also when it reads the network input and is told not to compute the input gradient), and the
 * one-pass ReLU and leaky ReLU.
 */
class FastLayersTest {
    @Test
    void sameGradientsAsDl4jsLayerInBothPrecisions() {
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            ComputationGraph plain = graph(type);
            ComputationGraph swapped = graph(type);
            swapped.params().assign(plain.params());
            assertThat(FastLayers.install(swapped, type, new ActivationSwitches()))
                    .as("identity convolutions, the ReLU and the leaky ReLU").isEqualTo(4);
            assertThat(swapped.getLayer("conv1")).isInstanceOf(HelperConvolutionLayer.class);
            assertThat(swapped.getLayer("conv2")).isInstanceOf(HelperConvolutionLayer.class);
            assertThat(swapped.getLayer("relu")).isInstanceOf(ReluLayer.class);
            assertThat(swapped.getLayer("conv3").getClass())
                    .isEqualTo(org.deeplearning4j.nn.layers.convolution.ConvolutionLayer.class);
            assertThat(swapped.getLayer("leaky")).isInstanceOf(ReluLayer.class);
            Nd4j.getRandom().setSeed(5);
            INDArray x = Nd4j.rand(type, 3, 2, 8, 8).subi(0.5);
            INDArray eps = Nd4j.rand(type, 3, 2).subi(0.5);
            double tol = type == DataType.FLOAT ? 1e-6 : 1e-12;
            for (boolean train : new boolean[] {true, false}) {
                assertThat(swapped.output(train, x)[0].equalsWithEps(plain.output(train, x)[0], tol))
                        .as(type + " output, train " + train).isTrue();
            }
            INDArray expected = gradient(plain, x, eps);
            INDArray actual = gradient(swapped, x, eps);
            // DL4J's leaky-ReLU derivative takes its slope in float precision (6e-11 apart here in double); this
            // layer uses the configured slope both ways
            double gradientTol = type == DataType.FLOAT ? tol : 1e-9;
            assertThat(actual.equalsWithEps(expected, gradientTol)).as(type + " gradient").isTrue();
            assertThat(expected.norm2Number().doubleValue()).isGreaterThan(0);

            HelperConvolutionLayer stem = (HelperConvolutionLayer) swapped.getLayer("conv1");
            stem.setInputGradientNeeded(false);
            swapped.feedForward(new INDArray[] {x}, true, false);
            assertThat(stem.backpropGradient(Nd4j.rand(type, 3, 4, 8, 8), LayerWorkspaceMgr.noWorkspaces())
                    .getSecond()).as("no input gradient").isNull();
            INDArray parametersOnly = gradient(swapped, x, eps);
            stem.setInputGradientNeeded(true);
            assertThat(parametersOnly.equalsWithEps(expected, gradientTol)).as(type + " gradient without dL/dx")
                    .isTrue();
        }
    }

    private static INDArray gradient(ComputationGraph g, INDArray x, INDArray eps) {
        g.feedForward(new INDArray[] {x}, true, false);
        return g.backpropGradient(eps).gradient().dup();
    }

    private static ComputationGraph graph(DataType type) {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(3).dataType(type)
                .weightInit(WeightInit.XAVIER).convolutionMode(ConvolutionMode.Truncate)
                .trainingWorkspaceMode(WorkspaceMode.NONE).inferenceWorkspaceMode(WorkspaceMode.NONE)
                .graphBuilder().addInputs("input").setInputTypes(InputType.convolutional(8, 8, 2))
                .addLayer("conv1", new ConvolutionLayer.Builder(3, 3).padding(1, 1).nOut(4)
                        .activation(Activation.IDENTITY).build(), "input")
                .addLayer("relu", new ActivationLayer.Builder().activation(Activation.RELU).build(), "conv1")
                .addLayer("conv2", new ConvolutionLayer.Builder(3, 3).stride(2, 2).padding(1, 1).nOut(4).hasBias(false)
                        .activation(Activation.IDENTITY).build(), "relu")
                .addLayer("conv3", new ConvolutionLayer.Builder(1, 1).nOut(3).activation(Activation.TANH).build(),
                        "conv2")
                .addLayer("leaky", new ActivationLayer.Builder().activation(Activation.LEAKYRELU).build(), "conv3")
                .addLayer("gap", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), "leaky")
                .addLayer("logits", new DenseLayer.Builder().nOut(2).activation(Activation.IDENTITY).build(), "gap")
                .setOutputs("logits").build();
        ComputationGraph g = new ComputationGraph(conf);
        g.init();
        return g;
    }
}
