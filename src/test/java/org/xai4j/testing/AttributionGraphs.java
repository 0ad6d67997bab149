package org.xai4j.testing;

import java.util.List;
import java.util.Map;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Sgd;
import org.xai4j.model.Classifier;
import org.xai4j.model.InputShape;
import org.xai4j.model.ModelDescription;
import org.xai4j.model.ModelOptions;

/**
 * Tiny graphs for attribution tests: a smooth network (tanh, softplus: path integrals converge fast, so axioms can
 * be checked tightly), a ReLU network (for Guided Backprop) and a linear model (analytic answers). Double precision
 * unless asked otherwise; seeded; built with {@link Classifier#newGraph}.
 */
public final class AttributionGraphs {
    /** Input of {@link #smooth} and {@link #relu}: 2 x 8 x 8. */
    public static final InputShape INPUT = new InputShape(2, 8, 8);
    /** Input of {@link #mlp}: 1 x 2 x 2. */
    public static final InputShape MLP_INPUT = new InputShape(1, 2, 2);
    /** Input of {@link #linear}: 1 x 6 x 6. */
    public static final InputShape LINEAR_INPUT = new InputShape(1, 6, 6);

    private AttributionGraphs() {
    }

    /**
     * conv 3x3 (2 -> 4, tanh, "conv1") -> BN ("bn") -> conv 3x3 (4 -> 5, softplus, "conv2", tap last_conv) ->
     * global average pooling ("gap") -> identity Dense "logits"
     * ({@code outputs}). Taps: {@code stage1} = bn, {@code last_conv} = conv2.
     */
    public static Classifier smooth(int outputs, long seed) {
        return build(outputs, seed, Activation.TANH, Activation.SOFTPLUS, "test-smooth");
    }

    /** As {@link #smooth} with ReLU activations ("relu1" as a separate ActivationLayer after BN, conv2 fused ReLU). */
    public static Classifier relu(int outputs, long seed) {
        return build(outputs, seed, Activation.IDENTITY, Activation.RELU, "test-relu");
    }

    private static Classifier build(int outputs, long seed, Activation first, Activation second, String name) {
        NeuralNetConfiguration.Builder b = new NeuralNetConfiguration.Builder().seed(seed).dataType(DataType.DOUBLE)
                .updater(new Sgd(0.1)).weightInit(WeightInit.XAVIER).convolutionMode(ConvolutionMode.Same);
        ComputationGraphConfiguration.GraphBuilder g = b.graphBuilder().addInputs("input")
                .setInputTypes(InputType.convolutional(INPUT.height(), INPUT.width(), INPUT.channels()))
                .addLayer("conv1", new ConvolutionLayer.Builder(3, 3).nOut(4).activation(first).build(), "input")
                .addLayer("bn", new BatchNormalization.Builder().build(), "conv1");
        String afterBn = "bn";
        if (first == Activation.IDENTITY) {
            g.addLayer("relu1", new ActivationLayer.Builder().activation(Activation.RELU).build(), "bn");
            afterBn = "relu1";
        }
        g.addLayer("conv2", new ConvolutionLayer.Builder(3, 3).nOut(5).activation(second).build(), afterBn)
                .addLayer("gap", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), "conv2")
                .addLayer("logits", new DenseLayer.Builder().nOut(outputs).activation(Activation.IDENTITY).build(),
                        "gap")
                .setOutputs("logits");
        ModelDescription d = new ModelDescription(ModelOptions.of(name), INPUT, outputs, "input", "logits",
                Map.of(ModelDescription.LAST_CONV, "conv2", "stage1", afterBn),
                Map.of("body", List.of("conv1", "bn"), "top", List.of("conv2"), "head", List.of("logits")));
        Classifier c = new Classifier(Classifier.newGraph(g.build()), d);
        TestGraphs.randomizeBatchNorm(c, seed + 1);
        return c;
    }

    /**
     * A one-hidden-layer ReLU network on the flattened 1 x 2 x 2 input: Dense "hidden" (3 units, ReLU, weights
     * {@code W1}: 4 x 3) -> identity Dense "logits" (2 outputs, {@code W2}: 3 x 2). Small enough to back-propagate by
     * hand.
     */
    public static Classifier mlp(long seed) {
        NeuralNetConfiguration.Builder b = new NeuralNetConfiguration.Builder().seed(seed).dataType(DataType.DOUBLE)
                .updater(new Sgd(0.1)).weightInit(WeightInit.XAVIER);
        ComputationGraphConfiguration conf = b.graphBuilder().addInputs("input")
                .setInputTypes(InputType.convolutional(2, 2, 1))
                .addLayer("hidden", new DenseLayer.Builder().nOut(3).activation(Activation.RELU).biasInit(0.1).build(),
                        "input")
                .addLayer("logits", new DenseLayer.Builder().nOut(2).activation(Activation.IDENTITY).build(), "hidden")
                .setOutputs("logits").build();
        ModelDescription d = new ModelDescription(ModelOptions.of("test-mlp"), MLP_INPUT, 2, "input", "logits",
                Map.of(), Map.of("hidden", List.of("hidden"), "head", List.of("logits")));
        return new Classifier(Classifier.newGraph(conf), d);
    }

    /**
     * A linear model {@code z = W^T vec(x) + b} (identity Dense "logits" on the flattened 1 x 6 x 6 input, NCHW
     * order), {@code outputs} logits. No spatial tap.
     */
    public static Classifier linear(int outputs, long seed) {
        return linear(outputs, seed, LINEAR_INPUT);
    }

    /** {@link #linear(int, long)} on inputs of another shape. */
    public static Classifier linear(int outputs, long seed, InputShape shape) {
        NeuralNetConfiguration.Builder b = new NeuralNetConfiguration.Builder().seed(seed).dataType(DataType.DOUBLE)
                .updater(new Sgd(0.1)).weightInit(WeightInit.XAVIER);
        ComputationGraphConfiguration conf = b.graphBuilder().addInputs("input")
                .setInputTypes(InputType.convolutional(shape.height(), shape.width(), shape.channels()))
                .addLayer("logits", new DenseLayer.Builder().nOut(outputs).activation(Activation.IDENTITY)
                        .biasInit(0.3).build(), "input")
                .setOutputs("logits").build();
        ModelDescription d = new ModelDescription(ModelOptions.of("test-linear"), shape, outputs, "input",
                "logits", Map.of(), Map.of("head", List.of("logits")));
        return new Classifier(Classifier.newGraph(conf), d);
    }
}
