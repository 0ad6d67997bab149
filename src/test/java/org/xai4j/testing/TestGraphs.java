package org.xai4j.testing;

import java.util.List;
import java.util.Map;
import java.util.Random;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.xai4j.model.Classifier;
import org.xai4j.model.InputShape;
import org.xai4j.model.ModelDescription;
import org.xai4j.model.ModelOptions;

/**
 * Tiny graphs with known structure for numeric tests of the model layer (toy models with known answers, as
 * Tribuo/DJL keep them). Built with {@link Classifier#newGraph} (workspaces NONE), seeded, any data type.
 */
public final class TestGraphs {
    /** Input of {@link #residualConcat}: 2 x 6 x 6. */
    public static final InputShape RESIDUAL_INPUT = new InputShape(2, 6, 6);
    /** Input of {@link #tiny}: 1 x 4 x 4. */
    public static final InputShape TINY_INPUT = new InputShape(1, 4, 4);

    private TestGraphs() {
    }

    /**
     * conv 3x3 -> BN -> ReLU -> max-pool 2x2 ("pool", tap stage1) -> [conv 3x3 -> BN -> ReLU] + pool (ElementWiseVertex
     * add, "add", tap stage2) -> concat with a 1x1 conv branch (MergeVertex, "concat", tap last_conv, 7 x 3 x 3) ->
     * global average pooling -> identity Dense "logits" (2 outputs), with optional dropout before it.
     *
     * @param retain    DL4J dropout retain probability on the logits layer's input; 1 or NaN = no dropout
     * @param useLogStd how the BN layers store the running variance
     */
    public static Classifier residualConcat(DataType dataType, long seed, double retain, boolean useLogStd) {
        NeuralNetConfiguration.Builder b = new NeuralNetConfiguration.Builder().seed(seed).dataType(dataType)
                .updater(new Sgd(0.1)).weightInit(WeightInit.XAVIER).convolutionMode(ConvolutionMode.Same);
        ComputationGraphConfiguration.GraphBuilder g = b.graphBuilder().addInputs("input")
                .setInputTypes(InputType.convolutional(6, 6, 2))
                .addLayer("conv1", new ConvolutionLayer.Builder(3, 3).nOut(4).activation(Activation.IDENTITY).build(),
                        "input")
                .addLayer("bn1", new BatchNormalization.Builder().useLogStd(useLogStd).build(), "conv1")
                .addLayer("relu1", new ActivationLayer.Builder().activation(Activation.RELU).build(), "bn1")
                .addLayer("pool", new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build(),
                        "relu1")
                .addLayer("conv2", new ConvolutionLayer.Builder(3, 3).nOut(4).activation(Activation.IDENTITY).build(),
                        "pool")
                .addLayer("bn2", new BatchNormalization.Builder().useLogStd(useLogStd).build(), "conv2")
                .addLayer("relu2", new ActivationLayer.Builder().activation(Activation.RELU).build(), "bn2")
                .addVertex("add", new ElementWiseVertex(ElementWiseVertex.Op.Add), "pool", "relu2")
                .addLayer("conv3", new ConvolutionLayer.Builder(1, 1).nOut(3).activation(Activation.TANH).build(),
                        "add")
                .addVertex("concat", new MergeVertex(), "add", "conv3")
                .addLayer("gap", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), "concat");
        DenseLayer.Builder logits = new DenseLayer.Builder().nOut(2).activation(Activation.IDENTITY);
        if (!Double.isNaN(retain) && retain < 1) {
            logits.dropOut(retain);
        }
        g.addLayer("logits", logits.build(), "gap").setOutputs("logits");
        ComputationGraphConfiguration conf = g.build();
        ModelDescription d = new ModelDescription(ModelOptions.of("test-residual-concat"), RESIDUAL_INPUT, 2, "input",
                "logits", Map.of(ModelDescription.LAST_CONV, "concat", "stage1", "pool", "stage2", "add"),
                Map.of("body", List.of("conv1", "bn1", "conv2", "bn2", "conv3"), "head", List.of("logits")));
        Classifier c = new Classifier(Classifier.newGraph(conf), d);
        randomizeBatchNorm(c, seed + 1);
        return c;
    }

    /** {@link #residualConcat} without dropout and with M2.1's default log10-std storage. */
    public static Classifier residualConcat(DataType dataType, long seed) {
        return residualConcat(dataType, seed, Double.NaN, true);
    }

    /**
     * conv 3x3 (1 -> 2, "conv") -> BN ("bn", 4-D) -> ReLU -> global average pooling -> BN ("bn_ff", 2-D) -> identity
     * Dense "logits" (2 outputs): 20 + 8 + 8 + 6 = 42 parameters, small enough for a finite difference of every one.
     */
    public static Classifier tiny(DataType dataType, long seed) {
        NeuralNetConfiguration.Builder b = new NeuralNetConfiguration.Builder().seed(seed).dataType(dataType)
                .updater(new Sgd(0.1)).weightInit(WeightInit.XAVIER).convolutionMode(ConvolutionMode.Same);
        ComputationGraphConfiguration conf = b.graphBuilder().addInputs("input")
                .setInputTypes(InputType.convolutional(4, 4, 1))
                .addLayer("conv", new ConvolutionLayer.Builder(3, 3).nOut(2).activation(Activation.IDENTITY).build(),
                        "input")
                .addLayer("bn", new BatchNormalization.Builder().build(), "conv")
                .addLayer("relu", new ActivationLayer.Builder().activation(Activation.RELU).build(), "bn")
                .addLayer("gap", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), "relu")
                .addLayer("bn_ff", new BatchNormalization.Builder().build(), "gap")
                .addLayer("logits", new DenseLayer.Builder().nOut(2).activation(Activation.IDENTITY).build(), "bn_ff")
                .setOutputs("logits").build();
        ModelDescription d = new ModelDescription(ModelOptions.of("test-tiny"), TINY_INPUT, 2, "input", "logits",
                Map.of(ModelDescription.LAST_CONV, "relu"), Map.of("all", List.of("conv", "bn", "bn_ff", "logits")));
        Classifier c = new Classifier(Classifier.newGraph(conf), d);
        randomizeBatchNorm(c, seed + 1);
        return c;
    }

    /**
     * Gives every BatchNorm layer non-trivial gamma, beta and running statistics (as after training), so that
     * inference mode differs from a plain normalisation.
     */
    public static void randomizeBatchNorm(Classifier c, long seed) {
        Random r = new Random(seed);
        for (Layer l : c.graph().getLayers()) {
            if (!(l.conf().getLayer() instanceof BatchNormalization bn)) {
                continue;
            }
            fill(l.getParam(BatchNormalizationParamInitializer.GAMMA), r, 0.5, 1.5);
            fill(l.getParam(BatchNormalizationParamInitializer.BETA), r, -0.5, 0.5);
            fill(l.getParam(BatchNormalizationParamInitializer.GLOBAL_MEAN), r, -0.3, 0.3);
            if (bn.isUseLogStd()) {
                fill(l.getParam(BatchNormalizationParamInitializer.GLOBAL_LOG_STD), r, -0.3, 0.2);
            } else {
                fill(l.getParam(BatchNormalizationParamInitializer.GLOBAL_VAR), r, 0.3, 2.0);
            }
        }
    }

    /** A seeded uniform(-1, 1) input batch. */
    public static INDArray input(InputShape shape, int n, DataType dataType, long seed) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.rand(DataType.DOUBLE, n, shape.channels(), shape.height(), shape.width()).muli(2).subi(1)
                .castTo(dataType);
    }

    private static void fill(INDArray a, Random r, double lo, double hi) {
        for (long i = 0; i < a.length(); i++) {
            a.putScalar(i, lo + (hi - lo) * r.nextDouble());
        }
    }
}
