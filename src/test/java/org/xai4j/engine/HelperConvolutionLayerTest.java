package org.xai4j.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The convolution layer that skips DL4J's forward recomputation in its backward pass gives the same gradients as
 * DL4J's own layer (same graph, same parameters, one swapped in and one not), in float32 (oneDNN helper, when the
 * build has its natives) and in double precision (DL4J's im2col path), and is swapped in only for the identity
 * activation.
 */
class HelperConvolutionLayerTest {
    @Test
    void sameGradientsAsDl4jsLayerInBothPrecisions() {
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            ComputationGraph plain = graph(type);
            ComputationGraph swapped = graph(type);
            swapped.params().assign(plain.params());
            assertThat(HelperConvolutionLayer.install(swapped, type)).as("identity convolutions").isEqualTo(2);
            assertThat(swapped.getLayer("conv1")).isInstanceOf(HelperConvolutionLayer.class);
            assertThat(swapped.getLayer("conv2")).isInstanceOf(HelperConvolutionLayer.class);
            assertThat(swapped.getLayer("conv3").getClass())
                    .isEqualTo(org.deeplearning4j.nn.layers.convolution.ConvolutionLayer.class);
            Nd4j.getRandom().setSeed(5);
            INDArray x = Nd4j.rand(type, 3, 2, 8, 8);
            INDArray eps = Nd4j.rand(type, 3, 2).subi(0.5);
            INDArray expected = gradient(plain, x, eps);
            INDArray actual = gradient(swapped, x, eps);
            assertThat(actual.equalsWithEps(expected, type == DataType.FLOAT ? 1e-6 : 1e-12)).as(type.toString())
                    .isTrue();
            assertThat(expected.norm2Number().doubleValue()).isGreaterThan(0);
        }
    }

    private static INDArray gradient(ComputationGraph g, INDArray x, INDArray eps) {
        g.feedForward(new INDArray[] {x}, true, false);
        return g.backpropGradient(eps).gradient().dup();
    }

    private static ComputationGraph graph(DataType type) {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(3).dataType(type)
                .weightInit(WeightInit.XAVIER).convolutionMode(ConvolutionMode.Same)
                .trainingWorkspaceMode(WorkspaceMode.NONE).inferenceWorkspaceMode(WorkspaceMode.NONE)
                .graphBuilder().addInputs("input").setInputTypes(InputType.convolutional(8, 8, 2))
                .addLayer("conv1", new ConvolutionLayer.Builder(3, 3).nOut(4).activation(Activation.IDENTITY).build(),
                        "input")
                .addLayer("conv2", new ConvolutionLayer.Builder(3, 3).stride(2, 2).nOut(4).hasBias(false)
                        .activation(Activation.IDENTITY).build(), "conv1")
                .addLayer("conv3", new ConvolutionLayer.Builder(1, 1).nOut(3).activation(Activation.TANH).build(),
                        "conv2")
                .addLayer("gap", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), "conv3")
                .addLayer("logits", new DenseLayer.Builder().nOut(2).activation(Activation.IDENTITY).build(), "gap")
                .setOutputs("logits").build();
        ComputationGraph g = new ComputationGraph(conf);
        g.init();
        return g;
    }
}
