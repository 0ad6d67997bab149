package org.xai4j.dissection;

import com.tdunning.math.stats.MergingDigest;
import com.tdunning.math.stats.TDigest;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The first pass: every unit's activations over all images and positions, streamed into one t-digest per unit
 * (Dunning and Ertl 2019; memory O(compression) per unit, whatever the data size), then the threshold {@code T_k}
 * with {@code P(a_k > T_k) = topFraction}.
 */
final class UnitThresholds {
    private final TDigest[] digests;

    UnitThresholds(int units, double compression) {
        digests = new TDigest[units];
        for (int k = 0; k < units; k++) {
            digests[k] = new MergingDigest(compression);
        }
    }

    /** Adds a batch of tap activations, N x K x h x w. */
    void add(INDArray activations) {
        long n = activations.size(0);
        long per = activations.size(2) * activations.size(3);
        double[] values = activations.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        int units = digests.length;
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < units; k++) {
                long base = ((long) i * units + k) * per;
                for (long j = 0; j < per; j++) {
                    digests[k].add(values[(int) (base + j)]);
                }
            }
        }
    }

    /** The units' thresholds: the {@code 1 - topFraction} quantiles. */
    double[] thresholds(double topFraction) {
        double[] t = new double[digests.length];
        for (int k = 0; k < t.length; k++) {
            t[k] = digests[k].quantile(1 - topFraction);
        }
        return t;
    }
}
