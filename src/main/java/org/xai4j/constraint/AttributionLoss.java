package org.xai4j.constraint;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@code L_attr(A) = mean over constrained voxels v of phi(c * Ahat_v, t_v)}, where {@code Ahat} is the attribution
 * map {@code A} or, with {@link ConstraintOptions.Normalization#RMS}, {@code A_n / sqrt(mean_{v in V_n} A_v^2 +
 * eps^2)} per image n, and a voxel is constrained when its target {@code t_v} is not NaN (Wargnier-Dauchelle et al.,
 * IEEE TMI 2023, where NaN marks unconstrained voxels). The mean runs over every constrained (image, channel, y, x)
 * entry of the batch. Returns the value and {@code dL_attr/dA}, in double precision on the Java side (the maps are
 * small), so it is its own obviously-correct reference.
 */
public final class AttributionLoss {
    /** Added to the mean square under the square root of the RMS normalisation. */
    static final double EPS = 1e-12;

    private final Penalty penalty;
    private final double scale;
    private final ConstraintOptions.Normalization normalization;

    /**
     * @param value      L_attr
     * @param gradient   dL_attr/dA, shape and data type of the attribution
     * @param constrained number of constrained voxels (the mean's denominator; 0 makes the value 0)
     */
    public record Value(double value, INDArray gradient, long constrained) {
    }

    public AttributionLoss(Penalty penalty, double scale, ConstraintOptions.Normalization normalization) {
        if (!(scale > 0)) {
            throw new IllegalArgumentException("scale: must be > 0, got " + scale);
        }
        this.penalty = penalty;
        this.scale = scale;
        this.normalization = normalization;
    }

    /**
     * @param attribution N x C x H x W
     * @param targets     N x 1 x H x W (broadcast over channels): a value in [0, 1] per voxel, NaN = unconstrained
     */
    public Value evaluate(INDArray attribution, INDArray targets) {
        long[] s = attribution.shape();
        if (s.length != 4 || targets.rank() != 4 || targets.size(0) != s[0] || targets.size(1) != 1
                || targets.size(2) != s[2] || targets.size(3) != s[3]) {
            throw new IllegalArgumentException("targets: shape " + Arrays.toString(targets.shape())
                    + " does not fit attribution " + Arrays.toString(s) + " (expected N x 1 x H x W)");
        }
        int n = (int) s[0];
        int c = (int) s[1];
        int hw = (int) (s[2] * s[3]);
        double[] a = flat(attribution);
        double[] t = flat(targets);
        double[] grad = new double[a.length];
        long total = 0;
        for (double v : t) {
            total += Double.isNaN(v) ? 0 : c;
        }
        if (total == 0) {
            return new Value(0, Nd4j.zeros(attribution.dataType(), s), 0);
        }
        double sum = 0;
        double[] scaled = new double[c * hw];
        double[] q = new double[c * hw];
        for (int i = 0; i < n; i++) {
            int base = i * c * hw;
            double sigma = 1;
            if (normalization == ConstraintOptions.Normalization.RMS) {
                double sq = 0;
                long count = 0;
                for (int ch = 0; ch < c; ch++) {
                    for (int p = 0; p < hw; p++) {
                        if (!Double.isNaN(t[i * hw + p])) {
                            double v = a[base + ch * hw + p];
                            sq += v * v;
                            count++;
                        }
                    }
                }
                if (count == 0) {
                    continue;
                }
                sigma = Math.sqrt(sq / count + EPS * EPS);
                double dot = 0;
                for (int ch = 0; ch < c; ch++) {
                    for (int p = 0; p < hw; p++) {
                        double tv = t[i * hw + p];
                        int k = ch * hw + p;
                        if (!Double.isNaN(tv)) {
                            scaled[k] = scale * a[base + k] / sigma;
                            sum += penalty.value(scaled[k], tv);
                            q[k] = penalty.derivative(scaled[k], tv) / total;
                            dot += q[k] * a[base + k];
                        }
                    }
                }
                // d/dA_v of sum_w q_w c A_w / sigma = c q_v / sigma - c A_v (sum_w q_w A_w) / (count sigma^3)
                for (int ch = 0; ch < c; ch++) {
                    for (int p = 0; p < hw; p++) {
                        int k = ch * hw + p;
                        if (!Double.isNaN(t[i * hw + p])) {
                            grad[base + k] = scale * q[k] / sigma
                                    - scale * a[base + k] * dot / (count * sigma * sigma * sigma);
                        }
                    }
                }
            } else {
                for (int ch = 0; ch < c; ch++) {
                    for (int p = 0; p < hw; p++) {
                        double tv = t[i * hw + p];
                        if (!Double.isNaN(tv)) {
                            int k = base + ch * hw + p;
                            double x = scale * a[k];
                            sum += penalty.value(x, tv);
                            grad[k] = scale * penalty.derivative(x, tv) / total;
                        }
                    }
                }
            }
        }
        INDArray g = Nd4j.create(grad, s, 'c').castTo(attribution.dataType());
        return new Value(sum / total, g, total);
    }

    private static double[] flat(INDArray x) {
        return x.castTo(DataType.DOUBLE).dup('c').data().asDouble();
    }
}
