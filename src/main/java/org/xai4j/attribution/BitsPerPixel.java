package org.xai4j.attribution;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

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
        int n = (int) capacity.size(0);
        int h = (int) capacity.size(2);
        int w = (int) capacity.size(3);
        int outH = (int) inputShape[2];
        int outW = (int) inputShape[3];
        double scale = (double) h * w / ((double) outH * outW) / Math.log(2);
        INDArray spatial = capacity.castTo(DataType.DOUBLE).sum(1); // N x h x w
        INDArray out = Nd4j.create(DataType.DOUBLE, inputShape);
        for (int i = 0; i < n; i++) {
            double[] bits = spatial.slice(i).dup('c').data().asDouble();
            for (int p = 0; p < bits.length; p++) {
                bits[p] *= scale;
            }
            INDArray up = Nd4j.create(Bilinear.resize(bits, h, w, outH, outW), new long[] {outH, outW}, 'c');
            for (int c = 0; c < inputShape[1]; c++) {
                out.slice(i).slice(c).assign(up);
            }
        }
        return out;
    }
}
