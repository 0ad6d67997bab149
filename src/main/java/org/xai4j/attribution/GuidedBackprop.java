package org.xai4j.attribution;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.model.Classifier;
import org.xai4j.model.InspectableGraph;
import org.xai4j.model.Mode;
import org.xai4j.model.ModelAdapter;
import org.xai4j.model.Target;

/**
 * Guided Backpropagation (Springenberg, Dosovitskiy, Brox and Riedmiller, "Striving for simplicity: the all
 * convolutional net", ICLR workshop 2015): the input gradient with every rectifier's backward pass replaced by
 * {@code 1[z > 0] * relu(incoming gradient)}.
 *
 * <p>Mechanism: the caller's model is never touched. On first use a private clone is built from a copy of the
 * graph configuration in which the activation function of every ReLU and LeakyReLU (activation layers and layers
 * with a fused activation) is replaced by a {@link GuidedActivation}; before every call the clone's parameters are
 * copied from the caller's graph, and the input gradient is taken through the clone's own {@link ModelAdapter} in
 * inference mode (BN-folded twin). Networks without rectifiers give the plain gradient.
 */
public final class GuidedBackprop implements Attribution {
    private final ModelAdapter adapter;
    private InspectableGraph cloneGraph;
    private ModelAdapter cloneAdapter;
    private int guidedUnits;

    public GuidedBackprop(ModelAdapter adapter) {
        this.adapter = adapter;
    }

    @Override
    public String name() {
        return "guidedbackprop";
    }

    /** Number of layers whose rectifier was replaced in the clone (built on first use). */
    public int guidedLayers() {
        ensureClone();
        return guidedUnits;
    }

    @Override
    public INDArray attribute(INDArray inputs, Target target) {
        INDArray x = Inputs.owned(inputs, adapter);
        ensureClone();
        cloneGraph.params().assign(adapter.graph().params());
        return cloneAdapter.inputGradient(x, target, Mode.INFERENCE);
    }

    private void ensureClone() {
        if (cloneAdapter != null) {
            return;
        }
        ComputationGraphConfiguration conf = adapter.graph().getConfiguration().clone();
        int replaced = 0;
        for (GraphVertex v : conf.getVertices().values()) {
            if (!(v instanceof LayerVertex lv)) {
                continue;
            }
            Layer layer = lv.getLayerConf().getLayer();
            if (layer instanceof BaseLayer bl && isRectifier(bl.getActivationFn())) {
                bl.setActivationFn(new GuidedActivation(bl.getActivationFn()));
                replaced++;
            } else if (layer instanceof ActivationLayer al && isRectifier(al.getActivationFn())) {
                al.setActivationFn(new GuidedActivation(al.getActivationFn()));
                replaced++;
            }
        }
        InspectableGraph g = new InspectableGraph(conf);
        g.init(adapter.graph().params().dup(), false); // given parameters: no re-initialisation, no RNG reseed
        cloneGraph = g;
        cloneAdapter = new ModelAdapter(new Classifier(g, adapter.classifier().description()));
        guidedUnits = replaced;
    }

    private static boolean isRectifier(IActivation a) {
        return a instanceof ActivationReLU || a instanceof ActivationLReLU;
    }
}
