package org.xai4j.engine;

import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.graph.vertex.impl.LayerVertex;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's convolution layer (M2.1) without the second forward convolution its backward pass runs (issue 6).
 * {@code ConvolutionLayer.backpropGradient} recomputes the layer's pre-activation output only to pass it to the
 * activation function's derivative, and DL4J's oneDNN helper then needs nothing else from it; for the identity
 * activation xai4j's networks use (BatchNorm and ReLU are layers of their own) that derivative does not read it.
 * This layer hands DL4J the incoming epsilon instead, which has the output's shape, when a platform helper does the
 * backward pass; with no helper (DL4J's im2col path, double precision) it recomputes as DL4J does, because that path
 * reuses the recomputed im2col buffer. The profile of the small ResNet's training step put the recomputation at ~8%.
 *
 * <p>{@link #install} swaps it in for every plain {@link ConvolutionLayer} with the identity activation of a freshly
 * initialised graph, sharing the original's parameter (and gradient) views.
 */
public final class HelperConvolutionLayer extends ConvolutionLayer {
    private INDArray backpropEpsilon;

    private HelperConvolutionLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    /**
     * Replaces each plain convolution layer with the identity activation by this layer.
     *
     * @return the number of layers replaced
     */
    public static int install(ComputationGraph graph, DataType dataType) {
        Layer[] layers = graph.getLayers();
        int n = 0;
        for (int i = 0; i < layers.length; i++) {
            Layer old = layers[i];
            if (old.getClass() != ConvolutionLayer.class
                    || !(((ConvolutionLayer) old).layerConf().getActivationFn() instanceof ActivationIdentity)) {
                continue;
            }
            HelperConvolutionLayer l = new HelperConvolutionLayer(old.conf(), dataType);
            l.setListeners(old.getListeners());
            l.setIndex(old.getIndex());
            l.setParamsViewArray(old.params());
            l.setParamTable(Map.copyOf(old.paramTable()));
            if (old.getGradientsViewArray() != null) {
                l.setBackpropGradientsViewArray(old.getGradientsViewArray());
            }
            layers[i] = l;
            for (GraphVertex v : graph.getVertices()) {
                if (v instanceof LayerVertex lv && lv.getLayer() == old) {
                    lv.setLayer(l);
                }
            }
            n++;
        }
        return n;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        backpropEpsilon = epsilon;
        try {
            return super.backpropGradient(epsilon, workspaceMgr);
        } finally {
            backpropEpsilon = null;
        }
    }

    @Override
    protected Pair<INDArray, INDArray> preOutput4d(boolean training, boolean forBackprop,
                                                   LayerWorkspaceMgr workspaceMgr) {
        if (forBackprop && backpropEpsilon != null && helper != null && helperCountFail == 0
                && backpropEpsilon.dataType() == dataType
                && layerConf().getCnn2dDataFormat() == CNN2DFormat.NCHW) {
            return new Pair<>(backpropEpsilon, null); // read only by the identity's derivative, which ignores it
        }
        return super.preOutput4d(training, forBackprop, workspaceMgr);
    }
}
