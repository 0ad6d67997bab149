package org.xai4j.model;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;

/**
 * The part of a classifier above one of its taps, as a classifier of its own whose input is the tap's activations
 * (C x h x w) and whose parameters are copies of the original's: {@code head(tap(x)) = f(x)}. For attributions over
 * a tap's units (Integrated Gradients on activations) without recomputing the layers below. The tap must cut the
 * graph: every vertex above it takes its inputs from the tap or from other vertices above it (true of every stage
 * tap of the registered models: skip connections start and end inside a stage).
 */
public final class HeadGraph {
    /** The head's input vertex. */
    public static final String INPUT = "tap_input";

    private HeadGraph() {
    }

    /** The head above {@code tap} of {@code classifier}, with the parameters it has now. */
    public static Classifier above(Classifier classifier, String tap) {
        ModelDescription d = classifier.description();
        String tapVertex = d.tapVertex(tap);
        InputType type = classifier.graph().getConfiguration().getLayerActivationTypes(InputType.convolutional(
                d.inputShape().height(), d.inputShape().width(), d.inputShape().channels())).get(tapVertex);
        if (!(type instanceof InputType.InputTypeConvolutional cnn)) {
            throw new IllegalArgumentException("tap '" + tap + "' is not a spatial feature map (" + type + ")");
        }
        ComputationGraphConfiguration conf = classifier.graph().getConfiguration().clone();
        Map<String, List<String>> inputs = conf.getVertexInputs();
        Set<String> above = new LinkedHashSet<>();
        Deque<String> pending = new ArrayDeque<>(List.of(tapVertex));
        while (!pending.isEmpty()) {
            String v = pending.poll();
            inputs.forEach((vertex, in) -> {
                if (in.contains(v) && above.add(vertex)) {
                    pending.add(vertex);
                }
            });
        }
        if (!above.contains(d.logitsName())) {
            throw new IllegalArgumentException("tap '" + tap + "' is not below the logits");
        }
        Map<String, GraphVertex> vertices = new LinkedHashMap<>();
        Map<String, List<String>> vertexInputs = new LinkedHashMap<>();
        for (String v : conf.getVertices().keySet()) {
            if (!above.contains(v)) {
                continue;
            }
            List<String> in = new ArrayList<>();
            for (String i : inputs.get(v)) {
                if (!i.equals(tapVertex) && !above.contains(i)) {
                    throw new IllegalArgumentException("tap '" + tap + "' does not cut the graph: vertex '" + v
                            + "' above it also takes '" + i + "' from below it");
                }
                in.add(i.equals(tapVertex) ? INPUT : i);
            }
            vertices.put(v, conf.getVertices().get(v));
            vertexInputs.put(v, in);
        }
        conf.setVertices(vertices);
        conf.setVertexInputs(vertexInputs);
        conf.setNetworkInputs(List.of(INPUT));
        conf.setTopologicalOrder(null);
        conf.setTopologicalOrderStr(null);
        InspectableGraph head = Classifier.newGraph(conf);
        List<String> layers = new ArrayList<>();
        for (String v : above) {
            Layer own = head.getLayer(v);
            if (own != null && own.numParams() > 0) {
                own.setParams(classifier.graph().getLayer(v).params().dup());
                layers.add(v);
            }
        }
        Map<String, String> taps = new LinkedHashMap<>();
        d.taps().forEach((name, vertex) -> {
            if (above.contains(vertex)) {
                taps.put(name, vertex);
            }
        });
        ModelDescription description = new ModelDescription(d.options(), new InputShape((int) cnn.getChannels(),
                (int) cnn.getHeight(), (int) cnn.getWidth()), d.numOutputs(), INPUT, d.logitsName(), taps,
                Map.of("head", layers));
        return new Classifier(head, description);
    }
}
