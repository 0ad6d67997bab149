package org.xai4j.model;

import java.util.SplittableRandom;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Redraws the convolution and dense parameters of an initialised graph as PyTorch's defaults do
 * ({@link InitScheme#PYTORCH}): every weight and bias U(-1/sqrt(fan_in), 1/sqrt(fan_in)), fan_in the layer's input
 * channels times its kernel area (its input width for a dense layer). DL4J's weight initialisers cannot draw a
 * bias from the fan-in, hence one pass after {@code init()}. Normalisation layers keep scale 1 and shift 0, as in
 * PyTorch. Deterministic in the seed, layers in the graph's topological order.
 */
final class PyTorchInitialisation {
    private PyTorchInitialisation() {
    }

    static void apply(ComputationGraph graph, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (int index : graph.topologicalSortOrder()) {
            if (!graph.getVertices()[index].hasLayer()) {
                continue;
            }
            Layer layer = graph.getVertices()[index].getLayer();
            if (!(layer.conf().getLayer() instanceof FeedForwardLayer conf)) {
                continue;
            }
            boolean convolution = conf instanceof ConvolutionLayer;
            if (!convolution && !(conf instanceof org.deeplearning4j.nn.conf.layers.DenseLayer
                    || conf instanceof org.deeplearning4j.nn.conf.layers.OutputLayer)) {
                continue;
            }
            INDArray w = layer.getParam("W");
            long fanIn = convolution ? w.length() / w.size(0) : w.size(0);
            double bound = 1 / Math.sqrt(fanIn);
            fill(w, bound, random);
            if (layer.paramTable().containsKey("b")) {
                fill(layer.getParam("b"), bound, random);
            }
        }
    }

    private static void fill(INDArray param, double bound, SplittableRandom random) {
        double[] values = new double[Math.toIntExact(param.length())];
        for (int i = 0; i < values.length; i++) {
            values[i] = (2 * random.nextDouble() - 1) * bound;
        }
        param.assign(Nd4j.create(values, param.shape(), 'c').castTo(param.dataType()));
    }
}
