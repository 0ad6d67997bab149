package org.xai4j.attribution;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.model.ModelAdapter;
import org.xai4j.model.ModelDescription;
import org.xai4j.model.TapResult;

/**
 * Class activation mapping (Zhou, Khosla, Lapedriza, Oliva and Torralba, "Learning deep features for discriminative
 * localization", CVPR 2016): for a head {@code tap -> global average pooling -> linear logits z = W^T p + b}, the
 * channel weights of target T are {@code w_k = sum_c W_kc dT/dz_c} (the class's weights for a one-logit target).
 * Also accepted: a tap whose global average is itself the logits (the patch classifier's {@code logit_map}, weights
 * = dT/dz). Other heads are refused with an IllegalArgumentException (use Grad-CAM, which equals CAM up to the factor
 * h*w on such heads). ReLU and upsampling as the rest of the family.
 */
public final class Cam extends ClassActivationMap {
    private final String denseVertex; // null when the pooled tap is the logits

    public Cam(ModelAdapter adapter, String tap) {
        super(adapter, tap);
        this.denseVertex = findHead(adapter, tap);
    }

    @Override
    public String name() {
        return "cam";
    }

    @Override
    protected INDArray channelWeights(TapResult tap, INDArray outputGradient) {
        if (denseVertex == null) {
            return outputGradient.dup();
        }
        INDArray w = adapter().graph().getLayer(denseVertex).getParam("W").castTo(DataType.DOUBLE); // K x numOutputs
        if (w.size(0) != tap.activations().size(1)) {
            throw new IllegalStateException("head weights " + w.size(0) + " x " + w.size(1) + " do not match "
                    + tap.activations().size(1) + " tap channels");
        }
        return outputGradient.mmul(w.transpose());
    }

    private static String findHead(ModelAdapter adapter, String tap) {
        ModelDescription d = adapter.classifier().description();
        ComputationGraphConfiguration conf = adapter.graph().getConfiguration();
        String pool = onlyConsumer(conf, d.tapVertex(tap), tap);
        if (!(layerOf(conf, pool) instanceof GlobalPoolingLayer g) || g.getPoolingType() != PoolingType.AVG) {
            throw refuse(tap, "'" + pool + "' is not a global average pooling");
        }
        if (pool.equals(d.logitsName())) {
            return null;
        }
        String dense = onlyConsumer(conf, pool, tap);
        if (!dense.equals(d.logitsName()) || !(layerOf(conf, dense) instanceof DenseLayer dl)
                || !(dl.getActivationFn() instanceof ActivationIdentity)) {
            throw refuse(tap, "the pooled features feed '" + dense + "', not the linear logits layer");
        }
        return dense;
    }

    private static String onlyConsumer(ComputationGraphConfiguration conf, String vertex, String tap) {
        List<String> consumers = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : conf.getVertexInputs().entrySet()) {
            if (e.getValue().contains(vertex)) {
                consumers.add(e.getKey());
            }
        }
        if (consumers.size() != 1) {
            throw refuse(tap, "'" + vertex + "' feeds " + consumers);
        }
        return consumers.get(0);
    }

    private static org.deeplearning4j.nn.conf.layers.Layer layerOf(ComputationGraphConfiguration conf, String v) {
        GraphVertex gv = conf.getVertices().get(v);
        return gv instanceof LayerVertex lv ? lv.getLayerConf().getLayer() : null;
    }

    private static IllegalArgumentException refuse(String tap, String why) {
        return new IllegalArgumentException("cam: tap '" + tap + "' must feed global average pooling and then the "
                + "linear logits (" + why + "); use gradcam for other heads");
    }
}
