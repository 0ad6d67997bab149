package org.xai4j.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU;

/**
 * A copy of a classifier with a gate ({@link NeuronGates}) after every neuron layer: every vertex whose output is a
 * rectifier's, ReLU or leaky ReLU (an activation layer, or a convolution or dense layer with that activation). The neurons of the critical
 * pathways (Khakzar et al., "Neural response interpretation through the lens of critical pathways", CVPR 2021) are
 * the elements of these outputs. The copy computes what the classifier does while its gates are open; parameters
 * are copies, vertex names, taps and layer groups are the classifier's.
 */
public final class GatedGraph {
    /** Suffix of a gate's vertex name after the neuron layer's. */
    public static final String SUFFIX = "_gate";

    private final Classifier classifier;
    private final NeuronGates gates;

    private GatedGraph(Classifier classifier, NeuronGates gates) {
        this.classifier = classifier;
        this.gates = gates;
    }

    public Classifier classifier() {
        return classifier;
    }

    public NeuronGates gates() {
        return gates;
    }

    /** The gated copy of {@code classifier} with the parameters it has now. */
    public static GatedGraph of(Classifier classifier) {
        ComputationGraphConfiguration conf = classifier.graph().getConfiguration().clone();
        ModelDescription d = classifier.description();
        Map<String, GraphVertex> vertices = new LinkedHashMap<>(conf.getVertices());
        Map<String, List<String>> inputs = new LinkedHashMap<>();
        conf.getVertexInputs().forEach((v, in) -> inputs.put(v, new ArrayList<>(in)));
        List<String> neurons = new ArrayList<>();
        for (int idx : classifier.graph().topologicalSortOrder()) {
            String v = classifier.graph().getVertices()[idx].getVertexName();
            if (!v.equals(d.logitsName()) && isRelu(conf.getVertices().get(v))) {
                neurons.add(v);
            }
        }
        NeuronGates gates = new NeuronGates(neurons);
        for (String v : neurons) {
            String gate = v + SUFFIX;
            if (vertices.containsKey(gate)) {
                throw new IllegalArgumentException("vertex name '" + gate + "' is taken");
            }
            inputs.forEach((consumer, in) -> in.replaceAll(i -> i.equals(v) ? gate : i));
            vertices.put(gate, new GateVertex(gates, v));
            inputs.put(gate, new ArrayList<>(List.of(v)));
        }
        conf.setVertices(vertices);
        conf.setVertexInputs(inputs);
        conf.setTopologicalOrder(null);
        conf.setTopologicalOrderStr(null);
        InspectableGraph g = Classifier.newGraph(conf);
        for (org.deeplearning4j.nn.graph.vertex.GraphVertex v : classifier.graph().getVertices()) {
            Layer own = v.hasLayer() ? g.getLayer(v.getVertexName()) : null;
            if (own != null && own.numParams() > 0) {
                own.setParams(v.getLayer().params().dup());
            }
        }
        return new GatedGraph(new Classifier(g, d), gates);
    }

    private static boolean isRelu(GraphVertex v) {
        if (!(v instanceof LayerVertex lv)) {
            return false;
        }
        var l = lv.getLayerConf().getLayer();
        IActivation a = l instanceof ActivationLayer al ? al.getActivationFn()
                : l instanceof BaseLayer bl ? bl.getActivationFn() : null;
        return a instanceof ActivationReLU || a instanceof ActivationLReLU;
    }
}
