package org.xai4j.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Recorded and replayed ReLU / leaky-ReLU / max-pooling switches (issue 12). With the switches of x replayed, a network of
 * convolutions, rectifiers, average pooling and dense layers is the affine map it is at x: replayed at x it gives x's
 * output and gradients, and along any line its output is affine (zero second difference), which the live network,
 * whose units flip along a long enough line, is not.
 */
class ActivationSwitchesTest {
    @Test
    void replayAtTheRecordedPointChangesNothing() {
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            ActivationSwitches switches = new ActivationSwitches();
            ComputationGraph g = graph(type, switches);
            INDArray x = Nd4j.rand(type, 3, 2, 8, 8).subi(0.5);
            INDArray eps = Nd4j.rand(type, 3, 2).subi(0.5);
            INDArray live = gradient(g, x, eps);
            INDArray[] recorded = new INDArray[1];
            ActivationSwitches.Pattern p = switches.record(() -> recorded[0] = gradient(g, x, eps));
            assertThat(p.layers()).as("both rectifiers and the max-pool recorded").isEqualTo(3);
            assertThat(p.elements()).as("units of the ReLU (8x8), windows of the pool and units of the leaky ReLU (4x4)")
                    .isEqualTo(3 * 4 * 8 * 8 + 2 * 3 * 4 * 4 * 4);
            INDArray replayed = switches.replay(p, () -> gradient(g, x, eps));
            INDArray replayedOutput = switches.replay(p, () -> g.output(false, x)[0].dup());
            assertThat(replayedOutput.equalsWithEps(g.output(false, x)[0], 1e-6)).as(type + " replayed output").isTrue();
            double tol = type == DataType.FLOAT ? 1e-6 : 1e-13;
            assertThat(recorded[0].equalsWithEps(live, tol)).as(type + " recording pass").isTrue();
            assertThat(replayed.equalsWithEps(live, tol)).as(type + " replayed pass").isTrue();
        }
    }

    @Test
    void replayedNetworkIsAffineAlongALineWhereTheLiveOneIsNot() {
        ActivationSwitches switches = new ActivationSwitches();
        ComputationGraph g = graph(DataType.DOUBLE, switches);
        Nd4j.getRandom().setSeed(3);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 3, 2, 8, 8).subi(0.5);
        INDArray d = Nd4j.rand(DataType.DOUBLE, 3, 2, 8, 8).subi(0.5);
        ActivationSwitches.Pattern p = switches.record(() -> g.output(false, x));
        INDArray replayed = switches.replay(p, () -> secondDifference(g, x, d));
        INDArray live = secondDifference(g, x, d);
        assertThat(replayed.amaxNumber().doubleValue()).as("replayed: affine").isLessThan(1e-12);
        assertThat(live.amaxNumber().doubleValue()).as("live: units flip along the line").isGreaterThan(1e-3);
    }

    @Test
    void replayOnAnotherShapeOrNestedUseIsRefused() {
        ActivationSwitches switches = new ActivationSwitches();
        ComputationGraph g = graph(DataType.DOUBLE, switches);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 3, 2, 8, 8);
        ActivationSwitches.Pattern p = switches.record(() -> g.output(false, x));
        assertThatThrownBy(() -> switches.replay(p, () -> g.output(false, Nd4j.rand(DataType.DOUBLE, 2, 2, 8, 8))))
                .hasMessageContaining("switches recorded for shape [3, 4, 8, 8]");
        assertThatThrownBy(() -> switches.replay(p, () -> switches.record(() -> g.output(false, x))))
                .hasMessageContaining("already");
    }

    /** f(x + 2d) - 2 f(x + d) + f(x). */
    private static INDArray secondDifference(ComputationGraph g, INDArray x, INDArray d) {
        INDArray f0 = g.output(false, x)[0].dup();
        INDArray f1 = g.output(false, x.add(d))[0].dup();
        INDArray f2 = g.output(false, x.add(d.mul(2)))[0].dup();
        return f2.sub(f1.mul(2)).add(f0);
    }

    private static INDArray gradient(ComputationGraph g, INDArray x, INDArray eps) {
        g.feedForward(new INDArray[] {x}, true, false);
        return g.backpropGradient(eps).gradient().dup();
    }

    /**
     * conv -> ReLU -> max-pool 3x3 stride 2 padding 1 (overlapping windows, as ResNet's stem) -> conv -> leaky ReLU
     * (0.2) -> global average -> dense, with xai4j's layers swapped in.
     */
    private static ComputationGraph graph(DataType type, ActivationSwitches switches) {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(3).dataType(type)
                .weightInit(WeightInit.XAVIER).convolutionMode(ConvolutionMode.Same)
                .trainingWorkspaceMode(WorkspaceMode.NONE).inferenceWorkspaceMode(WorkspaceMode.NONE)
                .graphBuilder().addInputs("input").setInputTypes(InputType.convolutional(8, 8, 2))
                .addLayer("conv1", new ConvolutionLayer.Builder(3, 3).nOut(4).activation(Activation.IDENTITY).build(),
                        "input")
                .addLayer("relu", new ActivationLayer.Builder().activation(Activation.RELU).build(), "conv1")
                .addLayer("pool", new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(3, 3).stride(2, 2)
                        .padding(1, 1).convolutionMode(ConvolutionMode.Truncate).build(), "relu")
                .addLayer("conv2", new ConvolutionLayer.Builder(3, 3).nOut(4).activation(Activation.IDENTITY).build(),
                        "pool")
                .addLayer("leaky", new ActivationLayer.Builder().activation(new ActivationLReLU(0.2)).build(), "conv2")
                .addLayer("gap", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), "leaky")
                .addLayer("logits", new DenseLayer.Builder().nOut(2).activation(Activation.IDENTITY).build(), "gap")
                .setOutputs("logits").build();
        ComputationGraph g = new ComputationGraph(conf);
        g.init();
        assertThat(FastLayers.install(g, type, switches)).as("2 convolutions, 2 rectifiers, the max-pool").isEqualTo(5);
        assertThat(g.getLayer("pool")).isInstanceOf(MaxPoolLayer.class);
        return g;
    }
}
