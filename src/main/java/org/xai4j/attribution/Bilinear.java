package org.xai4j.attribution;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Bilinear resizing of a map with half-pixel centres ({@code align_corners=False} in PyTorch, OpenCV's
 * {@code INTER_LINEAR}, which pytorch-grad-cam uses to upsample CAMs): output pixel {@code y} samples the input at
 * {@code (y + 0.5) * h / H - 0.5}, clamped to the border.
 */
public final class Bilinear {
    private Bilinear() {
    }

    /** Resizes an h x w map (row-major) to H x W. */
    public static double[] resize(double[] map, int h, int w, int outH, int outW) {
        if (map.length != h * w || outH < 1 || outW < 1) {
            throw new IllegalArgumentException("resize: map of " + map.length + " values is not " + h + "x" + w
                    + " or bad output size " + outH + "x" + outW);
        }
        double[] out = new double[outH * outW];
        // the columns' source indices and weights, the same for every row
        int[] x0s = new int[outW];
        int[] x1s = new int[outW];
        double[] fxs = new double[outW];
        for (int x = 0; x < outW; x++) {
            double sx = clamp((x + 0.5) * w / outW - 0.5, w);
            x0s[x] = (int) Math.floor(sx);
            x1s[x] = Math.min(x0s[x] + 1, w - 1);
            fxs[x] = sx - x0s[x];
        }
        for (int y = 0; y < outH; y++) {
            double sy = clamp((y + 0.5) * h / outH - 0.5, h);
            int y0 = (int) Math.floor(sy);
            int y1 = Math.min(y0 + 1, h - 1);
            double fy = sy - y0;
            int r0 = y0 * w;
            int r1 = y1 * w;
            for (int x = 0; x < outW; x++) {
                double fx = fxs[x];
                double top = map[r0 + x0s[x]] * (1 - fx) + map[r0 + x1s[x]] * fx;
                double bottom = map[r1 + x0s[x]] * (1 - fx) + map[r1 + x1s[x]] * fx;
                out[y * outW + x] = top * (1 - fy) + bottom * fy;
            }
        }
        return out;
    }

    /**
     * N x h x w maps (any data type) resized to the H x W of {@code inputShape} (N x C x H x W) and broadcast over
     * its C channels, in double.
     */
    public static INDArray upsampleBroadcast(INDArray maps, long[] inputShape) {
        int h = (int) maps.size(1);
        int w = (int) maps.size(2);
        int outH = (int) inputShape[2];
        int outW = (int) inputShape[3];
        INDArray out = Nd4j.create(DataType.DOUBLE, inputShape);
        for (int i = 0; i < maps.size(0); i++) {
            double[] up = resize(maps.slice(i).castTo(DataType.DOUBLE).dup('c').data().asDouble(), h, w, outH, outW);
            INDArray map = Nd4j.create(up, new long[] {outH, outW}, 'c');
            for (int c = 0; c < inputShape[1]; c++) {
                out.slice(i).slice(c).assign(map);
            }
        }
        return out;
    }

    private static double clamp(double s, int size) {
        return Math.max(0, Math.min(size - 1, s));
    }
}
