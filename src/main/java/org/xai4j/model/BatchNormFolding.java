package org.xai4j.model;

import java.util.LinkedHashMap;
import java.util.Map;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D;
import org.deeplearning4j.nn.conf.layers.misc.ElementWiseMultiplicationLayer;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;

/**
 * The BN-folded inference twin of a graph (DESIGN.md decision 4). DL4J M2.1 back-propagates BatchNorm with the
 * batch-statistics formula even after an inference forward, so gradients of the inference-mode function are taken
 * on a twin where each BatchNormalization layer is replaced by the per-channel affine map it computes in inference:
 * {@code y = W x + b} with {@code W = gamma/sigma}, {@code b = beta - mu gamma/sigma},
 * {@code sigma = sqrt(var + eps)} and {@code var = (10^log10std)^2} when the layer stores {@code log10stdev}
 * ({@code useLogStd}, M2.1's default) or the stored {@code var} otherwise. On 4-D activations the replacement is a
 * 1x1 {@link DepthwiseConvolution2D} (depth multiplier 1, identity activation: DL4J's BatchNormalization ignores its
 * activation function), on 2-D activations an {@link ElementWiseMultiplicationLayer}. Vertex names and inputs are
 * kept; dropout and weight noise are removed from every layer of the twin (inference has none, and DL4J layers
 * would otherwise apply dropout in their backprop recomputation after an inference forward).
 *
 * <p>With {@code lockGammaBeta} the fold reproduces DL4J's forward exactly, including its quirk of applying the
 * fixed gamma/beta only when {@code gamma != 1 && beta != 0}.
 *
 * <p>{@link #sync()} copies the live parameters into the twin (cheap next to a pass; always correct after training
 * steps). {@link #writeLiveGradient()} maps the twin's parameter gradient back to the live graph's layout (chain
 * rule through the fold; zero for running statistics).
 */
final class BatchNormFolding {
    private final InspectableGraph live;
    private final InspectableGraph twin;
    private final Map<String, Boolean> folded; // BN vertex name -> true if 4-D (depthwise), false if 2-D

    private BatchNormFolding(InspectableGraph live, InspectableGraph twin, Map<String, Boolean> folded) {
        this.live = live;
        this.twin = twin;
        this.folded = folded;
    }

    /**
     * Builds the twin of {@code live} for inputs of the given shape (used only to find each BatchNorm layer's
     * activation rank). Parameters are not copied yet: call {@link #sync()}.
     */
    static BatchNormFolding of(InspectableGraph live, String inputName, InputShape shape) {
        ComputationGraphConfiguration conf = live.getConfiguration().clone();
        InputType[] inputTypes = new InputType[conf.getNetworkInputs().size()];
        if (inputTypes.length != 1 || !conf.getNetworkInputs().get(0).equals(inputName)) {
            throw new IllegalArgumentException("expected a single graph input '" + inputName + "', got "
                    + conf.getNetworkInputs());
        }
        inputTypes[0] = InputType.convolutional(shape.height(), shape.width(), shape.channels());
        Map<String, InputType> types = conf.clone().getLayerActivationTypes(true, false, inputTypes);

        Map<String, Boolean> folded = new LinkedHashMap<>();
        Map<String, GraphVertex> vertices = conf.getVertices();
        for (Map.Entry<String, GraphVertex> e : vertices.entrySet()) {
            if (!(e.getValue() instanceof LayerVertex lv)) {
                continue;
            }
            org.deeplearning4j.nn.conf.layers.Layer layer = lv.getLayerConf().getLayer();
            layer.setIDropout(null);
            if (layer instanceof BaseLayer bl) {
                bl.setWeightNoise(null);
            }
            if (layer instanceof BatchNormalization bn) {
                String name = e.getKey();
                InputType t = types.get(name);
                boolean spatial;
                if (t.getType() == InputType.Type.CNN) {
                    spatial = true;
                } else if (t.getType() == InputType.Type.FF) {
                    spatial = false;
                } else {
                    throw new IllegalArgumentException("cannot fold BatchNormalization '" + name + "' on " + t
                            + " activations (only 2-D and 4-D)");
                }
                folded.put(name, spatial);
                e.setValue(new LayerVertex(affineConf(name, bn, spatial, conf),
                        lv.getPreProcessor() == null ? null : lv.getPreProcessor().clone()));
            }
        }
        return new BatchNormFolding(live, Classifier.newGraph(conf), folded);
    }

    private static NeuralNetConfiguration affineConf(String name, BatchNormalization bn, boolean spatial,
                                                     ComputationGraphConfiguration conf) {
        long c = bn.getNOut();
        org.deeplearning4j.nn.conf.layers.Layer affine;
        if (spatial) {
            CNN2DFormat format = bn.getCnn2DFormat() == null ? CNN2DFormat.NCHW : bn.getCnn2DFormat();
            affine = new DepthwiseConvolution2D.Builder(1, 1).stride(1, 1).padding(0, 0).depthMultiplier(1)
                    .dataFormat(format).convolutionMode(ConvolutionMode.Truncate).nIn(c).nOut(c).hasBias(true)
                    .activation(Activation.IDENTITY).name(name).build();
        } else {
            affine = new ElementWiseMultiplicationLayer.Builder().nIn(c).nOut(c).activation(Activation.IDENTITY)
                    .name(name).build();
        }
        return new NeuralNetConfiguration.Builder().dataType(conf.getDataType()).updater(new NoOp())
                .weightInit(WeightInit.ZERO).layer(affine).build();
    }

    InspectableGraph twin() {
        return twin;
    }

    /** Names of the BatchNorm vertices replaced in the twin. */
    java.util.Set<String> foldedLayers() {
        return java.util.Collections.unmodifiableSet(folded.keySet());
    }

    /** Copies the live graph's parameters into the twin, folding BatchNorm layers. */
    void sync() {
        for (org.deeplearning4j.nn.graph.vertex.GraphVertex v : live.getVertices()) {
            if (!v.hasLayer() || v.getLayer().numParams() == 0) {
                continue;
            }
            String name = v.getVertexName();
            Layer src = v.getLayer();
            Layer dst = twin.getLayer(name);
            if (!folded.containsKey(name)) {
                dst.params().assign(src.params());
                continue;
            }
            BatchNormAffine a = BatchNormAffine.of(src);
            INDArray w = dst.getParam(DefaultParamInitializer.WEIGHT_KEY);
            INDArray b = dst.getParam(DefaultParamInitializer.BIAS_KEY);
            w.assign(a.scale().reshape(w.shape()));
            b.assign(a.shift().reshape(b.shape()));
        }
    }

    /**
     * Writes the twin's last parameter gradient into the live graph's gradient view, in the live layout: layers
     * other than BatchNorm are copied; for a folded BatchNorm, {@code dgamma = (dW - mu db)/sigma},
     * {@code dbeta = db}, running statistics 0. Requires {@link #sync()} to have run with the current parameters.
     */
    void writeLiveGradient() {
        live.gradientOverView(); // make sure the live view exists
        for (org.deeplearning4j.nn.graph.vertex.GraphVertex v : live.getVertices()) {
            if (!v.hasLayer() || v.getLayer().numParams() == 0) {
                continue;
            }
            String name = v.getVertexName();
            Layer src = v.getLayer();
            Layer tw = twin.getLayer(name);
            INDArray liveView = src.getGradientsViewArray();
            if (!folded.containsKey(name)) {
                liveView.assign(tw.getGradientsViewArray());
                continue;
            }
            Map<String, INDArray> twinGrads = tw.conf().getLayer().initializer()
                    .getGradientsFromFlattened(tw.conf(), tw.getGradientsViewArray());
            INDArray dW = twinGrads.get(DefaultParamInitializer.WEIGHT_KEY).reshape(-1);
            INDArray db = twinGrads.get(DefaultParamInitializer.BIAS_KEY).reshape(-1);
            liveView.assign(0);
            BatchNormalization bn = (BatchNormalization) src.conf().getLayer();
            if (bn.isLockGammaBeta()) {
                continue;
            }
            BatchNormAffine a = BatchNormAffine.of(src);
            Map<String, INDArray> liveGrads = src.conf().getLayer().initializer()
                    .getGradientsFromFlattened(src.conf(), liveView);
            INDArray dGamma = dW.sub(a.mean().mul(db)).divi(a.sigma());
            liveGrads.get(BatchNormalizationParamInitializer.GAMMA).assign(dGamma.reshape(
                    liveGrads.get(BatchNormalizationParamInitializer.GAMMA).shape()));
            liveGrads.get(BatchNormalizationParamInitializer.BETA).assign(db.reshape(
                    liveGrads.get(BatchNormalizationParamInitializer.BETA).shape()));
        }
    }
}
