package org.xai4j.engine;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.graph.vertex.impl.LayerVertex;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Swaps DL4J layer implementations of an initialised graph for xai4j's equivalents: {@link HelperConvolutionLayer}
 * for identity-activation convolutions and {@link ReluLayer} for ReLU and leaky-ReLU activation layers (faster,
 * issue 6), and {@link MaxPoolLayer} for max-pooling layers; the last two can record and replay their switches
 * ({@link ActivationSwitches}, issue 12), outside of which the max-pooling layer is DL4J's. Configurations,
 * parameters and checkpoints are untouched: only the objects that compute change, and they give the same values
 * ({@code FastLayersTest}).
 */
public final class FastLayers {
    private FastLayers() {
    }

    /**
     * Replaces every layer that has a faster equivalent.
     *
     * @param switches the graph's activation switches, shared by its {@link ReluLayer}s
     *
     * @return the number of layers replaced
     */
    public static int install(ComputationGraph graph, DataType dataType, ActivationSwitches switches) {
        Layer[] layers = graph.getLayers();
        int n = 0;
        for (int i = 0; i < layers.length; i++) {
            Layer old = layers[i];
            Layer replacement = HelperConvolutionLayer.replaces(old) ? HelperConvolutionLayer.of(old, dataType)
                    : ReluLayer.replaces(old) ? ReluLayer.of(old, dataType, switches)
                    : MaxPoolLayer.replaces(old) ? MaxPoolLayer.of(old, dataType, switches) : null;
            if (replacement == null) {
                continue;
            }
            replacement.setListeners(old.getListeners());
            replacement.setIndex(old.getIndex());
            layers[i] = replacement;
            for (GraphVertex v : graph.getVertices()) {
                if (v instanceof LayerVertex lv && lv.getLayer() == old) {
                    lv.setLayer(replacement);
                }
            }
            n++;
        }
        return n;
    }
}
