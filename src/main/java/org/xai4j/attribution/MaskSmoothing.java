package org.xai4j.attribution;

/**
 * The Gaussian smoothing of the bottleneck's mask as in the IBA reference code (Schulz et al. 2020,
 * {@code _SpatialGaussianKernel}): every channel of every image convolved with a normalised Gaussian of standard
 * deviation {@code sigma}, kernel size {@code 2 * round(2 sigma) + 1}, borders padded by reflection without repeating
 * the edge (PyTorch's {@code ReflectionPad2d}: d c b | a b c d | c b a). Separable, so applied along rows, then
 * columns. {@link #adjoint} is the transposed operator, which carries gradients from the smoothed mask back to the
 * mask. {@code sigma = 0}: the identity.
 */
final class MaskSmoothing {
    private final double[] kernel;

    MaskSmoothing(double sigma) {
        if (!(sigma >= 0)) {
            throw new IllegalArgumentException("sigma: must be >= 0, got " + sigma);
        }
        int r = sigma == 0 ? 0 : (int) Math.rint(2 * sigma);
        kernel = new double[2 * r + 1];
        double sum = 0;
        for (int i = -r; i <= r; i++) {
            kernel[i + r] = sigma == 0 ? 1 : Math.exp(-0.5 * i * i / (sigma * sigma));
            sum += kernel[i + r];
        }
        for (int i = 0; i < kernel.length; i++) {
            kernel[i] /= sum;
        }
    }

    /** The smoothed copy of {@code maps} (consecutive h x w maps, row-major). */
    double[] apply(double[] maps, int h, int w) {
        return run(maps, h, w, false);
    }

    /** The transposed operator: {@code <apply(a), b> = <a, adjoint(b)>}. */
    double[] adjoint(double[] maps, int h, int w) {
        return run(maps, h, w, true);
    }

    private double[] run(double[] maps, int h, int w, boolean transposed) {
        if (kernel.length == 1) {
            return maps.clone();
        }
        double[] a = maps.clone();
        double[] tmp = new double[Math.max(h, w)];
        for (int base = 0; base < a.length; base += h * w) {
            for (int y = 0; y < h; y++) {
                line(a, base + y * w, 1, w, tmp, transposed);
            }
            for (int x = 0; x < w; x++) {
                line(a, base + x, w, h, tmp, transposed);
            }
        }
        return a;
    }

    /** Convolves (or its transpose) the {@code len} values at {@code a[start + i * step]} in place. */
    private void line(double[] a, int start, int step, int len, double[] tmp, boolean transposed) {
        int r = kernel.length / 2;
        java.util.Arrays.fill(tmp, 0, len, 0);
        for (int i = 0; i < len; i++) {
            for (int j = -r; j <= r; j++) {
                int src = mirror(i + j, len);
                if (transposed) {
                    tmp[src] += kernel[j + r] * a[start + i * step];
                } else {
                    tmp[i] += kernel[j + r] * a[start + src * step];
                }
            }
        }
        for (int i = 0; i < len; i++) {
            a[start + i * step] = tmp[i];
        }
    }

    /** Reflection without repeating the edge, repeated for offsets beyond one length. */
    static int mirror(int i, int len) {
        if (len == 1) {
            return 0;
        }
        int period = 2 * (len - 1);
        int m = Math.floorMod(i, period);
        return m < len ? m : period - m;
    }
}
