package org.xai4j.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@code model.init: pytorch} against PyTorch's documented defaults for {@code nn.Conv2d} / {@code nn.Linear}
 * (weights and biases U(-b, b), b = 1/sqrt(fan_in), fan_in = in_channels x kernel area; BatchNorm weight 1, bias
 * 0): the bounds, the uniform's standard deviation b/sqrt(3), determinism in the seed; and that the default
 * ({@code he}) still draws N(0, 2/fan_in) with zero biases.
 */
class PyTorchInitialisationTest {
    private static ComputationGraph build(InitScheme init, long seed) {
        return Classifier.create(ModelRegistry.build(new ModelOptions("resnet-cifar", 1.0, List.of(1, 1, 1), 0.0, init),
                new InputShape(1, 32, 32), 1, seed, DataType.FLOAT)).graph();
    }

    /** conv: fan_in = nIn x kH x kW; dense: nIn. */
    private static long fanIn(Layer layer) {
        if (layer.conf().getLayer() instanceof ConvolutionLayer c) {
            return c.getNIn() * c.getKernelSize()[0] * c.getKernelSize()[1];
        }
        return ((DenseLayer) layer.conf().getLayer()).getNIn();
    }

    private static List<Layer> weighted(ComputationGraph g) {
        List<Layer> out = new ArrayList<>();
        for (Layer l : g.getLayers()) {
            if (l.conf().getLayer() instanceof ConvolutionLayer || l.conf().getLayer() instanceof DenseLayer) {
                out.add(l);
            }
        }
        return out;
    }

    private static double std(INDArray a) {
        return a.castTo(DataType.DOUBLE).stdNumber().doubleValue();
    }

    @Test
    void weightsAndBiasesAreUniformInTheFanInBound() {
        ComputationGraph g = build(InitScheme.PYTORCH, 7);
        List<Layer> layers = weighted(g);
        assertThat(layers).hasSizeGreaterThanOrEqualTo(10);    // stem, 2 per block, 2 shortcuts, logits
        for (Layer l : layers) {
            double bound = 1 / Math.sqrt(fanIn(l));
            INDArray w = l.getParam("W");
            assertThat(w.amaxNumber().doubleValue()).as(l.conf().getLayer().getLayerName()).isLessThanOrEqualTo(bound);
            if (w.length() >= 2000) {   // the uniform's sd b/sqrt(3) within 5% (sampling error < 2% here)
                assertThat(std(w) / (bound / Math.sqrt(3))).as(l.conf().getLayer().getLayerName())
                        .isBetween(0.95, 1.05);
                assertThat(Math.abs(w.meanNumber().doubleValue())).isLessThan(0.05 * bound);
                assertThat(w.amaxNumber().doubleValue()).isGreaterThan(0.99 * bound);
            }
            if (l.paramTable().containsKey("b")) {
                INDArray b = l.getParam("b");
                assertThat(b.amaxNumber().doubleValue()).isLessThanOrEqualTo(bound).isGreaterThan(0);
            }
        }
        for (Layer l : g.getLayers()) {
            if (l.conf().getLayer() instanceof BatchNormalization) {
                assertThat(l.getParam("gamma").minNumber().doubleValue()).isEqualTo(1.0);
                assertThat(l.getParam("beta").amaxNumber().doubleValue()).isEqualTo(0.0);
            }
        }
    }

    @Test
    void sameSeedSameWeightsOtherSeedOtherWeights() {
        INDArray a = build(InitScheme.PYTORCH, 7).params();
        assertThat(build(InitScheme.PYTORCH, 7).params()).isEqualTo(a);
        assertThat(build(InitScheme.PYTORCH, 8).params()).isNotEqualTo(a);
    }

    @Test
    void defaultStaysHeNormalWithZeroBiases() {
        ComputationGraph g = build(null, 7);
        for (Layer l : weighted(g)) {
            INDArray w = l.getParam("W");
            if (w.length() >= 2000) {
                assertThat(std(w) / Math.sqrt(2.0 / fanIn(l))).as(l.conf().getLayer().getLayerName())
                        .isBetween(0.93, 1.07);
            }
            if (l.paramTable().containsKey("b")) {
                assertThat(l.getParam("b").amaxNumber().doubleValue()).isEqualTo(0.0);
            }
        }
    }
}
