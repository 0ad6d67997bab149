package org.xai4j.secondorder;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.convolution.Convolution;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Max or average pooling over k x k windows (Truncate, Strict or Same mode; Same pads as DL4J does, the odd pixel
 * at the bottom and right): with the windows' maxima held where they are
 * (max) or always (average) both are linear, {@code y = P x} with a window-selection or averaging matrix P, so
 * {@code R{y} = P R{x}}, {@code dx = P^T dy} and {@code R{dx} = P^T R{dy}}. Windows as columns ({@code im2col}; max
 * pooling finds its maxima with -infinity padding, so padding never wins); a window whose maximum is tied shares the
 * gradient equally among the tied positions (in the registered models ties are the zeros of ReLUs that are off, whose
 * gradient is 0 whatever the share). Average pooling is supported only where no padding is needed.
 */
final class RopPooling implements RopVertex {
    private final boolean max;
    private final int[] kernel;
    private final int[] stride;
    private final int[] padding;
    private final String vertex;
    private final boolean same;
    private long[] pads;
    private long[] inputShape;
    private long[] paddedShape;
    private INDArray weights;

    RopPooling(String vertex, SubsamplingLayer conf) {
        if (conf.getPoolingType() != PoolingType.MAX && conf.getPoolingType() != PoolingType.AVG) {
            throw Unsupported.vertex(vertex, conf.getPoolingType() + " pooling");
        }
        ConvolutionMode mode = conf.getConvolutionMode();
        if (mode != ConvolutionMode.Truncate && mode != ConvolutionMode.Strict && mode != ConvolutionMode.Same
                || conf.getCnn2dDataFormat() != CNN2DFormat.NCHW
                || conf.getDilation()[0] != 1 || conf.getDilation()[1] != 1) {
            throw Unsupported.vertex(vertex, "pooling in mode " + mode + " or with dilation");
        }
        this.vertex = vertex;
        this.max = conf.getPoolingType() == PoolingType.MAX;
        this.same = mode == ConvolutionMode.Same;
        this.kernel = conf.getKernelSize().clone();
        this.stride = conf.getStride().clone();
        this.padding = conf.getPadding().clone();
    }

    /** Padding before and after each spatial axis: {top, bottom, left, right}. */
    private long[] padding(long height, long width) {
        if (!same) {
            return new long[] {padding[0], padding[0], padding[1], padding[1]};
        }
        long[] pads = new long[4];
        long[] size = {height, width};
        for (int a = 0; a < 2; a++) {
            long out = (size[a] + stride[a] - 1) / stride[a];
            long total = Math.max(0, (out - 1) * stride[a] + kernel[a] - size[a]);
            pads[2 * a] = total / 2;
            pads[2 * a + 1] = total - total / 2;
        }
        return pads;
    }

    @Override
    public INDArray forward(INDArray[] inputs) {
        INDArray cols = windows(inputs[0], max ? Double.NEGATIVE_INFINITY : 0);
        if (max) {
            INDArray top = cols.max(true, 2);
            weights = cols.eq(top.broadcast(cols.shape())).castTo(cols.dataType());
            weights.divi(weights.sum(true, 2));
            long[] s = top.shape();
            return top.reshape(s[0], s[1], s[3], s[4]);
        }
        weights = Nd4j.valueArrayOf(cols.shape(), 1.0 / (kernel[0] * kernel[1]), cols.dataType());
        return select(cols);
    }

    @Override
    public INDArray tangent(INDArray[] inputTangents) {
        return select(windows(inputTangents[0], 0));
    }

    @Override
    public INDArray[][] backward(INDArray d, INDArray rd) {
        return new INDArray[][] {{spread(d)}, {spread(rd)}};
    }

    /** The input's windows, N x C x (kH kW) x oH x oW, padded with {@code pad}. */
    private INDArray windows(INDArray x, double pad) {
        inputShape = x.shape();
        pads = padding(x.size(2), x.size(3));
        boolean padded = pads[0] + pads[1] + pads[2] + pads[3] > 0;
        if (padded && !max) {
            throw Unsupported.vertex(vertex, "average pooling with padding");
        }
        INDArray in = x;
        if (padded) {
            in = Nd4j.valueArrayOf(new long[] {x.size(0), x.size(1), x.size(2) + pads[0] + pads[1],
                    x.size(3) + pads[2] + pads[3]}, pad, x.dataType());
            interior(in).assign(x);
        }
        paddedShape = in.shape();
        long oh = (paddedShape[2] - kernel[0]) / stride[0] + 1;
        long ow = (paddedShape[3] - kernel[1]) / stride[1] + 1;
        INDArray cols = Nd4j.createUninitialized(x.dataType(), x.size(0), x.size(1), kernel[0], kernel[1], oh, ow);
        Convolution.im2col(in, kernel[0], kernel[1], stride[0], stride[1], 0, 0, 1, 1, false, cols);
        return cols.reshape('c', x.size(0), x.size(1), (long) kernel[0] * kernel[1], oh, ow);
    }

    private INDArray select(INDArray cols) {
        return cols.mul(weights).sum(2);
    }

    private INDArray spread(INDArray g) {
        long[] w = weights.shape();
        INDArray cols = weights.mul(g.reshape(w[0], w[1], 1, w[3], w[4]))
                .reshape('c', w[0], w[1], kernel[0], kernel[1], w[3], w[4]);
        INDArray padded = Nd4j.createUninitialized(cols.dataType(), paddedShape);
        Convolution.col2im(cols, padded, stride[0], stride[1], 0, 0, (int) paddedShape[2], (int) paddedShape[3], 1, 1);
        if (pads[0] + pads[1] + pads[2] + pads[3] == 0) {
            return padded;
        }
        return interior(padded).dup();
    }

    /** The view of a padded array that holds the unpadded input. */
    private INDArray interior(INDArray padded) {
        return padded.get(NDArrayIndex.all(), NDArrayIndex.all(),
                NDArrayIndex.interval(pads[0], pads[0] + inputShape[2]),
                NDArrayIndex.interval(pads[2], pads[2] + inputShape[3]));
    }
}
