package org.xai4j.engine;

import java.util.Arrays;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.params.ConvolutionParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.convolution.Convolution;
import org.nd4j.linalg.factory.Nd4j;

/**
 * DL4J's convolution layer (M2.1) without the second forward convolution its backward pass runs (issue 6).
 * {@code ConvolutionLayer.backpropGradient} recomputes the layer's pre-activation output only to pass it to the
 * activation function's derivative, and DL4J's oneDNN helper then needs nothing else from it; for the identity
 * activation xai4j's networks use (BatchNorm and ReLU are layers of their own) that derivative does not read it.
 * This layer hands DL4J the incoming epsilon instead, which has the output's shape, when a platform helper does the
 * backward pass; with no helper (DL4J's im2col path, double precision) it recomputes as DL4J does, because that path
 * reuses the recomputed im2col buffer. The profile of the small ResNet's training step put the recomputation at ~8%.
 *
 * <p>{@link FastLayers#install} swaps it in for every plain {@link ConvolutionLayer} with the identity activation of a
 * freshly initialised graph, sharing the original's parameter (and gradient) views.
 */
public final class HelperConvolutionLayer extends ConvolutionLayer {
    private INDArray backpropEpsilon;
    private boolean inputGradientNeeded = true;

    private HelperConvolutionLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    /** Whether {@code layer} is DL4J's own convolution layer with the identity activation. */
    static boolean replaces(Layer layer) {
        return layer.getClass() == ConvolutionLayer.class
                && ((ConvolutionLayer) layer).layerConf().getActivationFn() instanceof ActivationIdentity;
    }

    /** This layer in place of {@code old}, sharing its parameter and gradient views. */
    static HelperConvolutionLayer of(Layer old, DataType dataType) {
        HelperConvolutionLayer l = new HelperConvolutionLayer(old.conf(), dataType);
        l.setParamsViewArray(old.params());
        l.setParamTable(Map.copyOf(old.paramTable()));
        if (old.getGradientsViewArray() != null) {
            l.setBackpropGradientsViewArray(old.getGradientsViewArray());
        }
        return l;
    }

    /**
     * Whether the next backward passes must compute dL/d(input). A layer that reads the network input is told
     * {@code false} for passes that need only parameter gradients (a training step): it then computes its weight and
     * bias gradients alone and returns no input gradient. DL4J would compute the gradient with respect to the images
     * too, which for a one-channel stem costs as much as a 16-channel convolution's whole backward pass (oneDNN runs
     * it at ~4 GFLOP/s). Applied to stride-1 convolutions only: measured on 2 cores, the CIFAR stem's backward pass
     * (3x3/1, 1 -> 16 channels, 64x64, batch 32) took 12-16 ms this way against 25-30 ms with libnd4j's
     * {@code conv2d_bp}, while a 7x7/2 ImageNet stem (1 -> 64, batch 16) took 6.5-7 ms against 5-6 ms.
     */
    public void setInputGradientNeeded(boolean needed) {
        inputGradientNeeded = needed;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        if (!inputGradientNeeded && convolutionMode != ConvolutionMode.Same
                && Arrays.stream(layerConf().getStride()).allMatch(st -> st == 1)
                && layerConf().getCnn2dDataFormat() == CNN2DFormat.NCHW && layerConf().getWeightNoise() == null
                && Arrays.stream(layerConf().getDilation()).allMatch(d -> d == 1)) {
            return parameterGradientOnly(epsilon, workspaceMgr);
        }
        backpropEpsilon = epsilon;
        try {
            return super.backpropGradient(epsilon, workspaceMgr);
        } finally {
            backpropEpsilon = null;
        }
    }

    /**
     * Weight and bias gradients without the input gradient: the input's patches ({@code im2col}, N x C kH kW x P
     * with P output positions) multiplied by the output gradient (N x O x P) in one batched product, summed over the
     * batch. The identity activation makes dL/d(output) the output gradient itself.
     */
    private Pair<Gradient, INDArray> parameterGradientOnly(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        INDArray in = input.castTo(dataType);
        INDArray eps = epsilon.castTo(dataType);
        int[] k = layerConf().getKernelSize();
        int[] s = layerConf().getStride();
        int[] p = layerConf().getPadding();
        long n = in.size(0);
        long o = eps.size(1);
        long positions = eps.size(2) * eps.size(3);
        long patch = in.size(1) * k[0] * k[1];
        INDArray col = workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, dataType,
                new long[] {n, in.size(1), k[0], k[1], eps.size(2), eps.size(3)}, 'c');
        Convolution.im2col(in, k[0], k[1], s[0], s[1], p[0], p[1], 1, 1, false, col);
        INDArray perExample = Nd4j.matmul(eps.reshape('c', n, o, positions), col.reshape('c', n, patch, positions),
                false, true, false);
        INDArray weightGrad = gradientViews.get(ConvolutionParamInitializer.WEIGHT_KEY);
        weightGrad.assign(perExample.sum(0).reshape(weightGrad.shape()));
        Gradient g = new DefaultGradient();
        if (layerConf().hasBias()) {
            INDArray biasGrad = gradientViews.get(ConvolutionParamInitializer.BIAS_KEY);
            biasGrad.assign(eps.reshape('c', n * o, positions).sum(1).reshape(n, o).sum(0).reshape(biasGrad.shape()));
            g.setGradientFor(ConvolutionParamInitializer.BIAS_KEY, biasGrad);
        }
        g.setGradientFor(ConvolutionParamInitializer.WEIGHT_KEY, weightGrad, 'c');
        weightNoiseParams.clear();
        return new Pair<>(g, null);
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
