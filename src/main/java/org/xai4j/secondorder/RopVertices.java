package org.xai4j.secondorder;

import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.model.InstanceNormalization;
import org.xai4j.model.InstanceNormalizationParams;

/** Maps the vertices of a DL4J graph to their {@link RopVertex}, refusing what the engine does not differentiate. */
final class RopVertices {
    private RopVertices() {
    }

    /**
     * The R-operator vertex of graph vertex {@code name} (not the input).
     *
     * @param layer    its layer (null for parameter-free vertices)
     * @param gradient the views of its parameters in the result (null when it has none)
     */
    static RopVertex of(ComputationGraphConfiguration conf, String name, Layer layer, Map<String, INDArray> gradient) {
        var vertex = conf.getVertices().get(name);
        if (vertex instanceof ElementWiseVertex e) {
            if (e.getOp() != ElementWiseVertex.Op.Add) {
                throw Unsupported.vertex(name, "element-wise " + e.getOp());
            }
            return new RopAdd();
        }
        if (vertex instanceof MergeVertex m) {
            if (m.getMergeAxis() != 1) {
                throw Unsupported.vertex(name, "a merge along axis " + m.getMergeAxis());
            }
            return new RopConcat();
        }
        if (!(vertex instanceof LayerVertex lv)) {
            throw Unsupported.vertex(name, "vertex type " + vertex.getClass().getSimpleName());
        }
        var l = lv.getLayerConf().getLayer();
        if (l.getIDropout() != null) {
            throw Unsupported.vertex(name, "dropout (the engine does not replay DL4J's dropout masks)");
        }
        RopVertex op = layerOp(name, l, layer, gradient);
        if (lv.getPreProcessor() == null) {
            return op;
        }
        if (lv.getPreProcessor() instanceof CnnToFeedForwardPreProcessor) {
            return new RopFlatten(op);
        }
        throw Unsupported.vertex(name, "input preprocessor " + lv.getPreProcessor().getClass().getSimpleName());
    }

    private static RopVertex layerOp(String name, org.deeplearning4j.nn.conf.layers.Layer l, Layer layer,
                                     Map<String, INDArray> gradient) {
        if (l.getClass() == ConvolutionLayer.class) {
            return new RopConvolution(name, layer, gradient);
        }
        if (l.getClass() == DenseLayer.class) {
            return new RopDense(name, layer, gradient);
        }
        if (l instanceof ActivationLayer a) {
            return new RopActivation(PointwiseActivation.of(a.getActivationFn(), name));
        }
        if (l instanceof BatchNormalization bn) {
            if (bn.isLockGammaBeta()) {
                throw Unsupported.vertex(name, "batch normalisation with locked gamma and beta");
            }
            return new RopNormalization(layer.getParam(BatchNormalizationParamInitializer.GAMMA),
                    layer.getParam(BatchNormalizationParamInitializer.BETA), BatchNormalizationParamInitializer.GAMMA,
                    BatchNormalizationParamInitializer.BETA, bn.getEps(), null, gradient);
        }
        if (l instanceof InstanceNormalization in) {
            return new RopNormalization(layer.getParam(InstanceNormalizationParams.GAMMA),
                    layer.getParam(InstanceNormalizationParams.BETA), InstanceNormalizationParams.GAMMA,
                    InstanceNormalizationParams.BETA, in.getEps(), new int[] {2, 3}, gradient);
        }
        if (l.getClass() == SubsamplingLayer.class) {
            return new RopPooling(name, (SubsamplingLayer) l);
        }
        if (l instanceof GlobalPoolingLayer g) {
            if (g.getPoolingType() != PoolingType.AVG || !g.isCollapseDimensions()) {
                throw Unsupported.vertex(name, "global " + g.getPoolingType() + " pooling");
            }
            return new RopGlobalAveragePool();
        }
        throw Unsupported.vertex(name, "layer type " + l.getClass().getSimpleName());
    }
}
