package org.xai4j.attribution;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Separable Gaussian blur of every channel of an N x C x H x W batch, kernel radius {@code ceil(3 sigma)}, borders
 * reflected (as {@code scipy.ndimage.gaussian_filter}'s default {@code reflect} mode). The blurred-image baseline of
 * Integrated Gradients (Sturmfels et al., "Visualizing the impact of feature attribution baselines", Distill 2020)
 * and of insertion/deletion on X-rays (Petsiuk et al., RISE, BMVC 2018). Computed in double.
 */
public final class GaussianBlur {
    private GaussianBlur() {
    }

    /** A blurred copy; {@code sigma = 0} returns a copy of x. */
    public static INDArray apply(INDArray x, double sigma) {
        if (!(sigma >= 0)) {
            throw new IllegalArgumentException("blur sigma: must be >= 0, got " + sigma);
        }
        if (x.rank() != 4) {
            throw new IllegalArgumentException("blur: expected N x C x H x W, got rank " + x.rank());
        }
        if (sigma == 0) {
            return x.dup();
        }
        int n = (int) (x.size(0) * x.size(1));
        int h = (int) x.size(2);
        int w = (int) x.size(3);
        double[] data = x.castTo(DataType.DOUBLE).dup().data().asDouble();
        double[] kernel = kernel(sigma);
        double[] tmp = new double[Math.max(h, w)];
        for (int m = 0; m < n; m++) {
            int base = m * h * w;
            for (int y = 0; y < h; y++) {
                convolve(data, base + y * w, 1, w, kernel, tmp);
            }
            for (int c = 0; c < w; c++) {
                convolve(data, base + c, w, h, kernel, tmp);
            }
        }
        return Nd4j.create(data, x.shape(), DataType.DOUBLE).castTo(x.dataType());
    }

    static double[] kernel(double sigma) {
        int r = (int) Math.ceil(3 * sigma);
        double[] k = new double[2 * r + 1];
        double sum = 0;
        for (int i = -r; i <= r; i++) {
            k[i + r] = Math.exp(-0.5 * i * i / (sigma * sigma));
            sum += k[i + r];
        }
        for (int i = 0; i < k.length; i++) {
            k[i] /= sum;
        }
        return k;
    }

    /** Convolves the {@code len} values at {@code data[start + i * step]} in place. */
    private static void convolve(double[] data, int start, int step, int len, double[] k, double[] tmp) {
        int r = k.length / 2;
        for (int i = 0; i < len; i++) {
            double s = 0;
            for (int j = -r; j <= r; j++) {
                s += k[j + r] * data[start + reflect(i + j, len) * step];
            }
            tmp[i] = s;
        }
        for (int i = 0; i < len; i++) {
            data[start + i * step] = tmp[i];
        }
    }

    /** scipy's 'reflect' (d c b a | a b c d | d c b a), repeated for offsets beyond one length. */
    static int reflect(int i, int len) {
        int period = 2 * len;
        int m = Math.floorMod(i, period);
        return m < len ? m : period - 1 - m;
    }
}
