package org.xai4j.secondorder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Sgd;
import org.xai4j.engine.ActivationSwitches;
import org.xai4j.model.Classifier;
import org.xai4j.model.InputShape;
import org.xai4j.model.Mode;
import org.xai4j.model.ModelAdapter;
import org.xai4j.model.ModelDescription;
import org.xai4j.model.ModelOptions;
import org.xai4j.model.ModelRegistry;
import org.xai4j.model.Target;
import org.xai4j.testing.TestGraphs;

/**
 * The exact engine against an independent reference in double precision: central differences, along the input
 * direction, of the parameter gradients DL4J's own back-propagation computes in training mode, with the rectifier
 * switches held at the unperturbed point (so the difference has BatchNorm's curvature alone, O(h^2) at a relative
 * step of 1e-5). Whole vector and every layer; the input gradient against DL4J's; float32 against double.
 */
class InputDirectionHvpTest {

    @Test
    void cifarResNetMatchesDifferencesOfDl4jGradients() {
        Classifier c = Classifier.create(ModelRegistry.build(new ModelOptions("resnet-cifar", 0.25, List.of(1, 1, 1),
                null), new InputShape(1, 16, 16), 1, 7, DataType.DOUBLE));
        check("resnet-cifar", c, 6, 16);
    }

    @Test
    void patchClassifierMatchesDifferencesOfDl4jGradients() {
        Classifier c = Classifier.create(ModelRegistry.build(new ModelOptions("patch", 0.125, List.of(2, 2, 2, 2),
                null), new InputShape(1, 32, 32), 1, 7, DataType.DOUBLE));
        check("patch", c, 5, 32);
    }

    @Test
    void resNet18WithItsPaddedMaxPoolStemMatches() {
        Classifier c = Classifier.create(ModelRegistry.build(new ModelOptions("resnet18", 0.125, List.of(1, 1, 1, 1),
                null), new InputShape(1, 32, 32), 1, 7, DataType.DOUBLE));
        check("resnet18", c, 4, 32);
    }

    @Test
    void denseNetWithConcatenationsAndAveragePoolingMatches() {
        Classifier c = Classifier.create(ModelRegistry.build(new ModelOptions("densenet121-truncated", 0.125, null,
                null), new InputShape(1, 32, 32), 1, 7, DataType.DOUBLE));
        check("densenet121-truncated", c, 3, 32);
    }

    @Test
    void batchNormOfFeaturesAndSameModeMatch() {
        check("tiny", TestGraphs.tiny(DataType.DOUBLE, 3), 6, 4);
    }

    @Test
    void concatFlattenAndDenseRectifiersMatch() {
        check("concat-dense", concatDense(DataType.DOUBLE), 6, 8);
    }

    @Test
    void tanhAndSameModePoolingOfTheResidualConcatGraphMatch() {
        check("residual-concat", TestGraphs.residualConcat(DataType.DOUBLE, 3), 5, 6);
    }

    @Test
    void sigmoidTanhAndAsymmetricSameModePaddingMatch() {
        check("smooth-odd", smoothOdd(DataType.DOUBLE, Activation.SIGMOID), 4, 7);
    }

    @Test
    void unsupportedVerticesAreNamed() {
        assertThatThrownBy(() -> new InputDirectionHvp(smoothOdd(DataType.DOUBLE, Activation.ELU).graph()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("vertex 'conv1'")
                .hasMessageContaining("activation elu").hasMessageContaining("difference: central or forward");
        assertThatThrownBy(() -> new InputDirectionHvp(Classifier.create(ModelRegistry.build(new ModelOptions(
                "resnet-cifar", 0.25, List.of(1, 1, 1), 0.5), new InputShape(1, 16, 16), 1, 7, DataType.FLOAT)).graph()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dropout");
    }

    /** The model's exact product against the reference (double), and its float32 copy against its double one. */
    static void check(String what, Classifier c, int n, int size) {
        ModelAdapter adapter = new ModelAdapter(c);
        InputShape shape = c.description().inputShape();
        INDArray x = TestGraphs.input(shape, n, DataType.DOUBLE, 11).addi(1).divi(2);
        INDArray u = TestGraphs.input(shape, n, DataType.DOUBLE, 12);
        // per-example weights of every logit: a linear score that no batch statistic makes constant (the batch sum
        // of one logit after a BatchNorm of features, as in the tiny graph, is)
        Target score = Target.weights(TestGraphs.input(new InputShape(1, 1, c.numOutputs()), n, DataType.DOUBLE, 13)
                .reshape(n, c.numOutputs()));
        InputDirectionHvp.Result exact = new InputDirectionHvp(c.graph()).compute(x, u, score);

        INDArray g = adapter.inputGradient(x, score, Mode.TRAINING);
        assertThat(relative(exact.inputGradient(), g)).as(what + ": input gradient against DL4J's").isLessThan(1e-10);

        ActivationSwitches switches = c.graph().switches();
        ActivationSwitches.Pattern at = switches.record(() -> adapter.inputGradient(x, score, Mode.TRAINING));
        double h = 1e-5 * x.amaxNumber().doubleValue() / u.amaxNumber().doubleValue();
        INDArray plus = switches.replay(at, () -> adapter.parameterGradient(x.add(u.mul(h)), score, Mode.TRAINING));
        INDArray minus = switches.replay(at, () -> adapter.parameterGradient(x.sub(u.mul(h)), score, Mode.TRAINING));
        INDArray ref = plus.sub(minus).divi(2 * h).reshape(plus.length());
        adapter.zeroRunningStatistics(ref);
        INDArray got = exact.parameterGradient();
        assertThat(ref.norm2Number().doubleValue()).as(what + ": a non-trivial product").isGreaterThan(1e-6);
        assertThat(relative(got, ref)).as(what + ": whole vector").isLessThan(1e-6);
        for (long[] layer : layers(c)) {
            INDArray a = got.get(NDArrayIndex.interval(layer[0], layer[0] + layer[1]));
            INDArray b = ref.get(NDArrayIndex.interval(layer[0], layer[0] + layer[1]));
            if (b.norm2Number().doubleValue() > 0) {
                assertThat(relative(a, b)).as(what + ": layer at offset " + layer[0]).isLessThan(1e-5);
            }
        }

        if (ModelRegistry.architectures().contains(c.description().options().architecture())) {
            // the same weights in float32: the product in float32 against the one in double
            Classifier f32 = Classifier.create(ModelRegistry.build(c.description().options(), shape, c.numOutputs(),
                    1, DataType.FLOAT));
            f32.graph().params().assign(c.graph().params().castTo(DataType.FLOAT));
            INDArray single32 = new InputDirectionHvp(f32.graph()).compute(x.castTo(DataType.FLOAT),
                    u.castTo(DataType.FLOAT), score).parameterGradient();
            assertThat(relative(single32.castTo(DataType.DOUBLE), got)).as(what + ": float32 against double")
                    .isLessThan(1e-4);
        }
    }

    static double relative(INDArray a, INDArray b) {
        INDArray ad = a.castTo(DataType.DOUBLE).reshape(a.length());
        INDArray bd = b.castTo(DataType.DOUBLE).reshape(b.length());
        return ad.sub(bd).norm2Number().doubleValue() / bd.norm2Number().doubleValue();
    }

    /** {offset, length} of every layer with parameters, in the layout of {@code params()}. */
    static List<long[]> layers(Classifier c) {
        List<long[]> out = new ArrayList<>();
        long offset = 0;
        for (int idx : c.graph().topologicalSortOrder()) {
            GraphVertex v = c.graph().getVertices()[idx];
            if (v.hasLayer() && v.getLayer().numParams() > 0) {
                out.add(new long[] {offset, v.getLayer().numParams()});
                offset += v.getLayer().numParams();
            }
        }
        return out;
    }

    /**
     * On a 7 x 7 input, where Same mode pads unevenly: conv 3x3 with {@code first} inside -> max-pool 2x2/2 (7 -> 4,
     * one row and column of padding at the bottom and right) -> conv 3x3 with tanh inside -> max-pool 3x3/2 (4 -> 2,
     * again) -> global average pooling -> identity dense "logits".
     */
    static Classifier smoothOdd(DataType type, Activation first) {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(8).dataType(type)
                .updater(new Sgd(0.1)).weightInit(WeightInit.XAVIER).convolutionMode(ConvolutionMode.Same)
                .graphBuilder().addInputs("input").setInputTypes(InputType.convolutional(7, 7, 2))
                .addLayer("conv1", new ConvolutionLayer.Builder(3, 3).nOut(3).activation(first).build(), "input")
                .addLayer("pool1", new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build(),
                        "conv1")
                .addLayer("conv2", new ConvolutionLayer.Builder(3, 3).nOut(3).activation(Activation.TANH).build(),
                        "pool1")
                .addLayer("pool2", new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(3, 3).stride(2, 2).build(),
                        "conv2")
                .addLayer("gap", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), "pool2")
                .addLayer("logits", new DenseLayer.Builder().nOut(2).activation(Activation.IDENTITY).build(), "gap")
                .setOutputs("logits").build();
        ModelDescription d = new ModelDescription(ModelOptions.of("test-smooth-odd"), new InputShape(2, 7, 7), 2,
                "input", "logits", Map.of(ModelDescription.LAST_CONV, "conv2"),
                Map.of("all", List.of("conv1", "conv2", "logits")));
        return new Classifier(Classifier.newGraph(conf), d);
    }

    /**
     * conv 3x3/2 with bias and a ReLU inside (Truncate, padding 1) -> BN -> leaky ReLU, concatenated with a 1x1
     * convolution of the same input -> flatten -> dense with a ReLU inside -> identity dense "logits".
     */
    static Classifier concatDense(DataType type) {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(5).dataType(type)
                .updater(new Sgd(0.1)).weightInit(WeightInit.XAVIER).convolutionMode(ConvolutionMode.Truncate)
                .graphBuilder().addInputs("input").setInputTypes(InputType.convolutional(8, 8, 2))
                .addLayer("conv", new ConvolutionLayer.Builder(3, 3).stride(2, 2).padding(1, 1).nOut(3)
                        .activation(Activation.RELU).build(), "input")
                .addLayer("bn", new BatchNormalization.Builder().build(), "conv")
                .addLayer("lrelu", new ActivationLayer.Builder().activation(new ActivationLReLU(0.2)).build(), "bn")
                .addLayer("side", new ConvolutionLayer.Builder(2, 2).stride(2, 2).nOut(2)
                        .activation(Activation.IDENTITY).build(), "input")
                .addVertex("concat", new MergeVertex(), "lrelu", "side")
                .addLayer("dense", new DenseLayer.Builder().nOut(6).activation(Activation.RELU).build(), "concat")
                .addLayer("logits", new DenseLayer.Builder().nOut(2).activation(Activation.IDENTITY).build(), "dense")
                .setOutputs("logits").build();
        ModelDescription d = new ModelDescription(ModelOptions.of("test-concat-dense"), new InputShape(2, 8, 8), 2,
                "input", "logits", Map.of(ModelDescription.LAST_CONV, "concat"),
                Map.of("all", List.of("conv", "bn", "side", "dense", "logits")));
        Classifier c = new Classifier(Classifier.newGraph(conf), d);
        TestGraphs.randomizeBatchNorm(c, 6);
        Nd4j.getRandom().setSeed(1);
        return c;
    }
}
