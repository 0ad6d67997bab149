package org.xai4j.engine;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.layers.convolution.subsampling.SubsamplingLayer;
import org.deeplearning4j.nn.layers.normalization.BatchNormalization;
import org.deeplearning4j.nn.layers.normalization.LocalResponseNormalization;

/**
 * Which layers of a graph that <i>can</i> take a DL4J platform helper (convolution, batch normalisation,
 * pooling, LRN) actually have one ({@code layer.getHelper() != null}), so a benchmark can say what it measured.
 *
 * @param counts per kind ({@code conv}, {@code bn}, {@code pool}, {@code lrn}): {layers with a helper, layers}
 */
public record LayerHelpers(Map<String, int[]> counts) {
    public LayerHelpers {
        Map<String, int[]> copy = new LinkedHashMap<>();
        counts.forEach((k, v) -> copy.put(k, v.clone()));
        counts = java.util.Collections.unmodifiableMap(copy);
    }

    /** Census of the layers of {@code graph}. */
    public static LayerHelpers of(ComputationGraph graph) {
        Map<String, int[]> counts = new LinkedHashMap<>();
        for (Layer l : graph.getLayers()) {
            String kind = kind(l);
            if (kind != null) {
                int[] c = counts.computeIfAbsent(kind, k -> new int[2]);
                c[0] += l.getHelper() != null ? 1 : 0;
                c[1]++;
            }
        }
        return new LayerHelpers(counts);
    }

    private static String kind(Layer l) {
        if (l instanceof ConvolutionLayer) {
            return "conv";
        }
        if (l instanceof BatchNormalization) {
            return "bn";
        }
        if (l instanceof SubsamplingLayer) {
            return "pool";
        }
        if (l instanceof LocalResponseNormalization) {
            return "lrn";
        }
        return null;
    }

    /** Layers that have a helper. */
    public int withHelper() {
        return counts.values().stream().mapToInt(c -> c[0]).sum();
    }

    /** Layers that could have one. */
    public int capable() {
        return counts.values().stream().mapToInt(c -> c[1]).sum();
    }

    /** E.g. {@code "helpers conv 20/20 bn 20/20 pool 1/1"} or {@code "no helpers (41 layers)"}. */
    public String describe() {
        if (withHelper() == 0) {
            return "no helpers (" + capable() + " layers)";
        }
        StringJoiner j = new StringJoiner(" ", "helpers ", "");
        counts.forEach((k, c) -> j.add(k + " " + c[0] + "/" + c[1]));
        return j.toString();
    }
}
