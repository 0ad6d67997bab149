package org.xai4j.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Writes a network into a DL4J graph configuration while recording its layer groups and taps, so builders
 * only describe topology. Conventions shared by all families: input vertex {@code input}, He (ReLU)
 * initialisation, {@link ConvolutionMode#Truncate} with explicit padding (output sizes as in PyTorch,
 * {@code floor((in + 2p - k) / s) + 1}), batch normalisation with eps 1e-5 and decay 0.9 (PyTorch momentum
 * 0.1), and one graph output, the logits vertex {@code logits}.
 */
final class GraphAssembly {
    static final String INPUT = "input";
    static final String LOGITS = "logits";

    private final ComputationGraphConfiguration.GraphBuilder graph;
    private final InputShape shape;
    private final Map<String, List<String>> groups = new LinkedHashMap<>();
    private final Map<String, String> taps = new LinkedHashMap<>();
    private List<String> group;

    GraphAssembly(InputShape shape, long seed, DataType dataType) {
        this.shape = shape;
        this.graph = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(dataType)
                .weightInit(WeightInit.RELU)
                .convolutionMode(ConvolutionMode.Truncate)
                .graphBuilder()
                .addInputs(INPUT)
                .setInputTypes(InputType.convolutional(shape.height(), shape.width(), shape.channels()));
    }

    /** Starts a layer group: layers added from now on belong to it. */
    GraphAssembly group(String name) {
        if (groups.containsKey(name)) {
            throw new IllegalStateException("layer group " + name + " started twice");
        }
        group = new ArrayList<>();
        groups.put(name, group);
        return this;
    }

    /** Names a vertex as a tap (e.g. {@code stage2}, {@code last_conv}). */
    GraphAssembly tap(String tap, String vertex) {
        taps.put(tap, vertex);
        return this;
    }

    /** Adds a layer to the current group; returns its name. */
    String layer(String name, Layer layer, String... inputs) {
        if (group == null) {
            throw new IllegalStateException("no layer group started before layer " + name);
        }
        graph.addLayer(name, layer, inputs);
        group.add(name);
        return name;
    }

    /** Adds a parameter-free vertex (merge, element-wise); vertices belong to no group. */
    String vertex(String name, GraphVertex vertex, String... inputs) {
        graph.addVertex(name, vertex, inputs);
        return name;
    }

    String conv(String name, int kernel, int stride, int padding, int channels, boolean bias, String input) {
        return layer(name, new ConvolutionLayer.Builder(kernel, kernel).stride(stride, stride)
                .padding(padding, padding).nOut(channels).hasBias(bias).activation(Activation.IDENTITY).build(), input);
    }

    String batchNorm(String name, String input) {
        return layer(name, new BatchNormalization.Builder().eps(1e-5).decay(0.9).build(), input);
    }

    String activation(String name, IActivation activation, String input) {
        return layer(name, new ActivationLayer.Builder().activation(activation).build(), input);
    }

    String relu(String name, String input) {
        return activation(name, Activation.RELU.getActivationFunction(), input);
    }

    String maxPool(String name, int kernel, int stride, int padding, String input) {
        return layer(name, new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(kernel, kernel)
                .stride(stride, stride).padding(padding, padding).build(), input);
    }

    String avgPool(String name, int kernel, int stride, String input) {
        return layer(name, new SubsamplingLayer.Builder(PoolingType.AVG).kernelSize(kernel, kernel)
                .stride(stride, stride).build(), input);
    }

    /** Spatial average of every channel: N x C x H x W to N x C. */
    String globalAvgPool(String name, String input) {
        return layer(name, new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), input);
    }

    /** Fully connected layer; {@code dropout} (probability of dropping, 0 for none) applies to its input. */
    String dense(String name, int units, Activation activation, double dropout, String input) {
        DenseLayer.Builder b = new DenseLayer.Builder().nOut(units).activation(activation).hasBias(true);
        if (dropout > 0) {
            b.dropOut(new Dropout(1.0 - dropout));
        }
        return layer(name, b.build(), input);
    }

    /** The plain logits layer (identity DenseLayer, no OutputLayer: external errors must be accepted). */
    String logits(int numOutputs, double dropout, String input) {
        return dense(LOGITS, numOutputs, Activation.IDENTITY, dropout, input);
    }

    /** Finishes the graph with {@code logitsName} as its only output. */
    BuiltModel build(ModelOptions options, int numOutputs, String logitsName) {
        if (!taps.containsKey(ModelDescription.LAST_CONV)) {
            throw new IllegalStateException("builder for " + options.architecture() + " set no last_conv tap");
        }
        ComputationGraphConfiguration conf = graph.setOutputs(logitsName).build();
        ModelDescription d = new ModelDescription(options, shape, numOutputs, INPUT, logitsName, taps, groups);
        return new BuiltModel(conf, d);
    }

    BuiltModel build(ModelOptions options, int numOutputs) {
        return build(options, numOutputs, LOGITS);
    }
}
