package org.xai4j.model;

import java.util.LinkedHashMap;
import java.util.Map;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.Layer;

/**
 * Parameter counts read from a graph configuration, without allocating the network. DL4J stores a batch
 * normalisation layer's running mean and variance (log10 of the standard deviation) as parameters; they are
 * not trained, so {@link #trainable} leaves them out and matches the counts PyTorch reports.
 */
public final class ParameterCounts {
    private ParameterCounts() {
    }

    /** Trainable parameters of every layer (BN running statistics excluded). */
    public static long trainable(ComputationGraphConfiguration configuration) {
        return perLayer(configuration).values().stream().mapToLong(Long::longValue).sum();
    }

    /** Everything DL4J allocates as parameters, BN running statistics included. */
    public static long total(ComputationGraphConfiguration configuration) {
        long n = 0;
        for (GraphVertex v : configuration.getVertices().values()) {
            if (v instanceof LayerVertex lv) {
                Layer l = lv.getLayerConf().getLayer();
                n += l.initializer().numParams(l);
            }
        }
        return n;
    }

    /** Trainable parameters per layer vertex with parameters, in the configuration's vertex order. */
    public static Map<String, Long> perLayer(ComputationGraphConfiguration configuration) {
        Map<String, Long> out = new LinkedHashMap<>();
        configuration.getVertices().forEach((name, v) -> {
            if (v instanceof LayerVertex lv) {
                long n = trainable(lv.getLayerConf().getLayer());
                if (n > 0) {
                    out.put(name, n);
                }
            }
        });
        return out;
    }

    private static long trainable(Layer layer) {
        long n = layer.initializer().numParams(layer);
        if (layer instanceof BatchNormalization bn) {
            n -= 2 * bn.getNOut(); // running mean and variance
        }
        return n;
    }
}
