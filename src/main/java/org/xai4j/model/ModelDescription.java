package org.xai4j.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a built network is, beyond its DL4J configuration: where its input and logits are, its named
 * taps and its layer groups. Stored with every checkpoint.
 *
 * @param options     the options it was built from
 * @param inputShape  the input it expects
 * @param numOutputs  number of logits
 * @param inputName   name of the graph input
 * @param logitsName  name of the vertex whose output is the logits (N x numOutputs); the graph's only output
 * @param taps        tap name -> vertex name; always holds {@code last_conv} (last spatial feature map, for
 *                    Grad-CAM) and {@code stage1..stageN}
 * @param layerGroups group name -> names of the layer vertices it holds, from input to head; every layer
 *                    with parameters belongs to exactly one group
 */
public record ModelDescription(ModelOptions options, InputShape inputShape, int numOutputs, String inputName,
                               String logitsName, Map<String, String> taps, Map<String, List<String>> layerGroups) {
    public static final String LAST_CONV = "last_conv";

    public ModelDescription {
        taps = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(taps));
        LinkedHashMap<String, List<String>> g = new LinkedHashMap<>();
        layerGroups.forEach((k, v) -> g.put(k, List.copyOf(v)));
        layerGroups = java.util.Collections.unmodifiableMap(g);
    }

    /** Vertex name of a tap, with a clear error naming the known taps. */
    public String tapVertex(String tap) {
        String v = taps.get(tap);
        if (v == null) {
            throw new IllegalArgumentException("unknown tap '" + tap + "' for " + options.architecture()
                    + " (known: " + String.join(", ", taps.keySet()) + ")");
        }
        return v;
    }
}
