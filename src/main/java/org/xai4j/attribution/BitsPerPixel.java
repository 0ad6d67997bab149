package org.xai4j.attribution;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The information map of a bottleneck as the IBA reference code draws it ({@code to_saliency_map}): the per-element
 * KL (nats) summed over the tap's channels, in bits, spread over the input pixels each tap pixel covers (times
 * {@code h w / (H W)}, so the map sums to the information the bottleneck lets through) and upsampled bilinearly;
 * broadcast over the input channels.
 */
final class BitsPerPixel {
    private BitsPerPixel() {
    }

    /**
     * @param capacity   N x C x h x w, nats
     * @param inputShape N x C x H x W of the explained inputs
     * @return N x C x H x W bits per pixel, in double
     */
    static INDArray map(INDArray capacity, long[] inputShape) {
        int h = (int) capacity.size(2);
        int w = (int) capacity.size(3);
        int outH = (int) inputShape[2];
        int outW = (int) inputShape[3];
        double scale = (double) h * w / ((double) outH * outW) / Math.log(2);
        return Bilinear.upsampleBroadcast(capacity.castTo(DataType.DOUBLE).sum(1).muli(scale), inputShape);
    }
}
