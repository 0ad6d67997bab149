package org.xai4j.perf;

/**
 * Measured speed of a square float32 matrix multiply {@code C = A B} (n x n): {@code 2 n^3} FLOPs.
 *
 * @param n             matrix side
 * @param medianSeconds median wall time of one multiply
 */
public record GemmRate(int n, double medianSeconds) {
    /** FLOPs of one multiply. */
    public double flops() {
        return 2.0 * n * n * n;
    }

    /** GFLOP/s reached. */
    public double gflops() {
        return flops() / medianSeconds / 1e9;
    }
}
