package org.xai4j.attribution;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.model.ModelAdapter;
import org.xai4j.model.TapResult;

/**
 * Grad-CAM++ (Chattopadhay, Sarkar, Howlader and Balasubramanian, WACV 2018), as pytorch-grad-cam computes it
 * (the closed form for an exponential score, using only first-order gradients {@code g}):
 * {@code a_ij = g^2 / (2 g^2 + sum_ab A_ab g^3 + 1e-6)} (0 where g = 0) and
 * {@code w_k = sum_ij a_ij relu(g_ij)}.
 */
public final class GradCamPlusPlus extends ClassActivationMap {
    private static final double EPS = 1e-6;

    public GradCamPlusPlus(ModelAdapter adapter, String tap) {
        super(adapter, tap);
    }

    @Override
    public String name() {
        return "gradcampp";
    }

    @Override
    protected INDArray channelWeights(TapResult tap, INDArray outputGradient) {
        int n = (int) tap.activations().size(0);
        int k = (int) tap.activations().size(1);
        int hw = (int) (tap.activations().size(2) * tap.activations().size(3));
        double[] a = tap.activations().dup().data().asDouble();
        double[] g = tap.gradient().dup().data().asDouble();
        double[] w = new double[n * k];
        for (int m = 0; m < n * k; m++) {
            double sumA = 0;
            for (int p = 0; p < hw; p++) {
                sumA += a[m * hw + p];
            }
            double s = 0;
            for (int p = 0; p < hw; p++) {
                double gi = g[m * hw + p];
                if (gi == 0) {
                    continue;
                }
                double g2 = gi * gi;
                s += g2 / (2 * g2 + sumA * g2 * gi + EPS) * Math.max(gi, 0);
            }
            w[m] = s;
        }
        return Nd4j.create(w, new long[] {n, k}, DataType.DOUBLE);
    }
}
