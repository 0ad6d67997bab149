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
        ConvolutionMode mode = conf.getConvolutionMode();
        if (mode != ConvolutionMode.Truncate && mode != ConvolutionMode.Strict && mode != ConvolutionMode.Same) {
            throw Unsupported.vertex(vertex, "convolution mode " + mode);
        }
        if (conf.getCnn2dDataFormat() != CNN2DFormat.NCHW) {
            throw Unsupported.vertex(vertex, "data format " + conf.getCnn2dDataFormat());
        }
        this.weights = layer.getParam(ConvolutionParamInitializer.WEIGHT_KEY);
        this.bias = conf.hasBias() ? layer.getParam(ConvolutionParamInitializer.BIAS_KEY) : null;
        this.gradient = gradient;
        int[] k = conf.getKernelSize();
        int[] s = conf.getStride();
        int[] p = conf.getPadding();
        int[] d = conf.getDilation();
        // libnd4j conv2d: kH, kW, sH, sW, pH, pW, dH, dW, same mode, NCHW (0), weights [oC, iC, kH, kW] (1)
        this.args = new int[] {k[0], k[1], s[0], s[1], p[0], p[1], d[0], d[1], mode == ConvolutionMode.Same ? 1 : 0,
                0, 1};
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
        long[] s = x.shape();
        long[] w = weights.shape();
        boolean same = args[8] == 1;
        long oh = same ? (s[2] + args[2] - 1) / args[2] : (s[2] + 2 * args[4] - ((w[2] - 1) * args[6] + 1)) / args[2] + 1;
        long ow = same ? (s[3] + args[3] - 1) / args[3] : (s[3] + 2 * args[5] - ((w[3] - 1) * args[7] + 1)) / args[3] + 1;
        INDArray z = Nd4j.createUninitialized(x.dataType(), s[0], w[0], oh, ow);
        INDArray[] in = b == null ? new INDArray[] {x, weights} : new INDArray[] {x, weights, b.reshape(b.length())};
        Nd4j.exec(DynamicCustomOp.builder("conv2d").addInputs(in).addOutputs(z).addIntegerArguments(args).build());
        return z;
    }
}
