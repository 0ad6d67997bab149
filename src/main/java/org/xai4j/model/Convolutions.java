package org.xai4j.model;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A DL4J 2-D convolution or pooling layer's arithmetic as libnd4j ops on explicit arrays (NCHW, weights
 * O x I x kH x kW): the forward map with any weights, and the transposed map {@code W^T * g} (the input gradient of
 * {@code <conv(x; W), g>}). For methods that run a layer with modified weights (LRP rules) or differentiate it
 * themselves (the R-operator). Truncate, Strict and Same modes; other modes and data formats are refused.
 */
public final class Convolutions {
    private Convolutions() {
    }

    /**
     * libnd4j's integer arguments of {@code conf}: kH, kW, sH, sW, pH, pW, dH, dW, same mode, NCHW (0), weights
     * [oC, iC, kH, kW] (1).
     *
     * @throws IllegalArgumentException naming {@code vertex} for another mode or data format
     */
    public static int[] arguments(ConvolutionLayer conf, String vertex) {
        ConvolutionMode mode = conf.getConvolutionMode();
        requireSupported(mode, conf.getCnn2dDataFormat(), vertex, "convolution");
        int[] k = conf.getKernelSize();
        int[] s = conf.getStride();
        int[] p = conf.getPadding();
        int[] d = conf.getDilation();
        return new int[] {k[0], k[1], s[0], s[1], p[0], p[1], d[0], d[1], mode == ConvolutionMode.Same ? 1 : 0, 0, 1};
    }

    private static void requireSupported(ConvolutionMode mode, CNN2DFormat format, String vertex, String kind) {
        if (mode != ConvolutionMode.Truncate && mode != ConvolutionMode.Strict && mode != ConvolutionMode.Same) {
            throw new IllegalArgumentException(vertex + ": " + kind + " mode " + mode + " is not supported");
        }
        if (format != CNN2DFormat.NCHW) {
            throw new IllegalArgumentException(vertex + ": data format " + format + " is not supported");
        }
    }

    /** {@code W * x + b} (b may be null), N x O x oH x oW. */
    public static INDArray forward(INDArray x, INDArray weights, INDArray bias, int[] args) {
        long[] s = x.shape();
        long[] w = weights.shape();
        boolean same = args[8] == 1;
        long oh = same ? (s[2] + args[2] - 1) / args[2]
                : (s[2] + 2 * args[4] - ((w[2] - 1) * args[6] + 1)) / args[2] + 1;
        long ow = same ? (s[3] + args[3] - 1) / args[3]
                : (s[3] + 2 * args[5] - ((w[3] - 1) * args[7] + 1)) / args[3] + 1;
        INDArray z = Nd4j.createUninitialized(x.dataType(), s[0], w[0], oh, ow);
        INDArray[] in = bias == null ? new INDArray[] {x, weights}
                : new INDArray[] {x, weights, bias.reshape(bias.length())};
        Nd4j.exec(DynamicCustomOp.builder("conv2d").addInputs(in).addOutputs(z).addIntegerArguments(args).build());
        return z;
    }

    /** {@code W^T * g}: the gradient with respect to x of {@code sum(forward(x, W) * g)}, shaped as x. */
    public static INDArray transpose(INDArray x, INDArray weights, INDArray g, int[] args) {
        return backward(x, weights, g, args).input();
    }

    /** The gradients of {@code sum(forward(x, W, b) * g)} with respect to x, W and (summed over N, H, W) b. */
    public record Gradients(INDArray input, INDArray weights, INDArray bias) {
    }

    /** {@link Gradients} of {@code sum(forward(x, W, b) * g)} (libnd4j's {@code conv2d_bp}). */
    public static Gradients backward(INDArray x, INDArray weights, INDArray g, int[] args) {
        INDArray gradIn = Nd4j.createUninitialized(x.dataType(), x.shape());
        INDArray gradW = Nd4j.createUninitialized(weights.dataType(), weights.shape());
        Nd4j.exec(DynamicCustomOp.builder("conv2d_bp").addInputs(x, weights, g.castTo(x.dataType()))
                .addOutputs(gradIn, gradW).addIntegerArguments(args).build());
        return new Gradients(gradIn, gradW, g.sum(0, 2, 3));
    }

    /**
     * libnd4j's pooling arguments of {@code conf}: kH, kW, sH, sW, pH, pW, dH, dW, same mode, the divisor mode of
     * average pooling (1: padding counts), NCHW (0).
     */
    public static int[] poolingArguments(SubsamplingLayer conf, String vertex) {
        ConvolutionMode mode = conf.getConvolutionMode();
        requireSupported(mode, conf.getCnn2dDataFormat(), vertex, "pooling");
        int[] k = conf.getKernelSize();
        int[] s = conf.getStride();
        int[] p = conf.getPadding();
        int[] d = conf.getDilation();
        return new int[] {k[0], k[1], s[0], s[1], p[0], p[1], d[0], d[1], mode == ConvolutionMode.Same ? 1 : 0,
            conf.isAvgPoolIncludePadInDivisor() ? 1 : 0, 0};
    }

    /**
     * The transposed pooling map applied to {@code g} (the gradient with respect to x of {@code sum(pool(x) * g)}):
     * max pooling routes every output's value to its window's maximum, average pooling spreads it over the window.
     */
    public static INDArray poolTranspose(PoolingType type, INDArray x, INDArray g, int[] args) {
        String op = switch (type) {
            case MAX -> "maxpool2d_bp";
            case AVG -> "avgpool2d_bp";
            default -> throw new IllegalArgumentException(type + " pooling is not supported");
        };
        INDArray out = Nd4j.createUninitialized(x.dataType(), x.shape());
        Nd4j.exec(DynamicCustomOp.builder(op).addInputs(x, g.castTo(x.dataType())).addOutputs(out)
                .addIntegerArguments(args).build());
        return out;
    }
}
