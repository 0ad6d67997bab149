package org.xai4j.secondorder;

import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.params.ConvolutionParamInitializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.xai4j.model.Convolutions;

/**
 * A 2-D convolution {@code z = W * a + b} (NCHW, weights O x I x kH x kW; Truncate, Strict or Same padding), with an
 * optional rectifier. Bilinear in (a, W), so {@code R{z} = W * R{a}}, {@code R{da} = W^T * R{dz}} and
 * {@code R{dW} = a (x) R{dz} + R{a} (x) dz}; the last two come from one libnd4j {@code conv2d_bp} call on the
 * doubled batch {@code [a; R{a}]} with output gradient {@code [R{dz}; dz]}, whose input gradient is
 * {@code [R{da}; da]} and whose weight gradient (a sum over the batch) is {@code R{dW}}.
 */
final class RopConvolution extends RopAffine {
    private final INDArray weights;
    private final INDArray bias;
    private final Map<String, INDArray> gradient;
    private final int[] args;

    RopConvolution(String vertex, Layer layer, Map<String, INDArray> gradient) {
        super(PointwiseActivation.of(((ConvolutionLayer) layer.conf().getLayer()).getActivationFn(), vertex));
        ConvolutionLayer conf = (ConvolutionLayer) layer.conf().getLayer();
        if (conf.getConvolutionMode() != ConvolutionMode.Truncate && conf.getConvolutionMode() != ConvolutionMode.Strict
                && conf.getConvolutionMode() != ConvolutionMode.Same) {
            throw Unsupported.vertex(vertex, "convolution mode " + conf.getConvolutionMode());
        }
        if (conf.getCnn2dDataFormat() != CNN2DFormat.NCHW) {
            throw Unsupported.vertex(vertex, "data format " + conf.getCnn2dDataFormat());
        }
        this.weights = layer.getParam(ConvolutionParamInitializer.WEIGHT_KEY);
        this.bias = conf.hasBias() ? layer.getParam(ConvolutionParamInitializer.BIAS_KEY) : null;
        this.gradient = gradient;
        this.args = Convolutions.arguments(conf, vertex);
    }

    @Override
    INDArray apply(INDArray x, boolean withBias) {
        return convolve(x, withBias ? bias : null);
    }

    @Override
    INDArray[] transpose(INDArray dz, INDArray rdz) {
        long n = input.size(0);
        INDArray in = Nd4j.concat(0, input, inputTangent);
        INDArray gradOut = Nd4j.concat(0, rdz, dz);
        INDArray gradIn = Nd4j.createUninitialized(in.dataType(), in.shape());
        INDArray gradW = Nd4j.createUninitialized(weights.dataType(), weights.shape());
        Nd4j.exec(DynamicCustomOp.builder("conv2d_bp").addInputs(in, weights, gradOut).addOutputs(gradIn, gradW)
                .addIntegerArguments(args).build());
        gradient.get(ConvolutionParamInitializer.WEIGHT_KEY).addi(gradW);
        if (bias != null) {
            INDArray gb = gradient.get(ConvolutionParamInitializer.BIAS_KEY);
            gb.addi(rdz.sum(0, 2, 3).reshape(gb.shape()));
        }
        return new INDArray[] {gradIn.get(NDArrayIndex.interval(n, 2 * n)), gradIn.get(NDArrayIndex.interval(0, n))};
    }

    private INDArray convolve(INDArray x, INDArray b) {
        return Convolutions.forward(x, weights, b, args);
    }
}
