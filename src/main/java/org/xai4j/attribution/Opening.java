package org.xai4j.attribution;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Grey-level morphological opening of every channel of an N x C x H x W map: erosion (minimum over a square of side
 * {@code 2r + 1}, clipped at the borders) then dilation (maximum over the same square). Removes bright details
 * smaller than the square and keeps larger regions' shapes; PathwayGrad's optional post-processing.
 */
final class Opening {
    private Opening() {
    }

    static INDArray apply(INDArray maps, int radius) {
        int h = (int) maps.size(2);
        int w = (int) maps.size(3);
        double[] d = maps.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        for (int base = 0; base < d.length; base += h * w) {
            filter(d, base, h, w, radius, false);
            filter(d, base, h, w, radius, true);
        }
        return Nd4j.create(d, maps.shape(), DataType.DOUBLE).castTo(maps.dataType());
    }

    /** Separable minimum (or maximum) filter of one h x w map in place. */
    private static void filter(double[] d, int base, int h, int w, int r, boolean max) {
        double[] tmp = new double[h * w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double best = max ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
                for (int k = Math.max(0, x - r); k <= Math.min(w - 1, x + r); k++) {
                    best = max ? Math.max(best, d[base + y * w + k]) : Math.min(best, d[base + y * w + k]);
                }
                tmp[y * w + x] = best;
            }
        }
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double best = max ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
                for (int k = Math.max(0, y - r); k <= Math.min(h - 1, y + r); k++) {
                    best = max ? Math.max(best, tmp[k * w + x]) : Math.min(best, tmp[k * w + x]);
                }
                d[base + y * w + x] = best;
            }
        }
    }
}
