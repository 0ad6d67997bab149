package org.xai4j.perf;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The reference speed of this process: ND4J's float32 matrix multiply ({@code Nd4j.gemm} into a preallocated
 * result, i.e. the BLAS sgemm of the loaded natives with ND4J's thread settings). A training step's GFLOP/s divided
 * by this rate is its efficiency (issue 6): the share of the machine's dense-algebra speed the layers reach.
 */
public final class GemmReference {
    /** The reference size. */
    public static final int DEFAULT_SIZE = 2048;

    private final int n;
    private final INDArray a;
    private final INDArray b;
    private final INDArray c;

    /** Allocates two random n x n float32 matrices and the result. */
    public GemmReference(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("gemm size must be >= 1, got " + n);
        }
        this.n = n;
        Nd4j.getRandom().setSeed(42);
        a = Nd4j.rand(DataType.FLOAT, n, n);
        b = Nd4j.rand(DataType.FLOAT, n, n);
        c = Nd4j.create(DataType.FLOAT, new long[] {n, n}, 'f');
    }

    /** Matrix side. */
    public int size() {
        return n;
    }

    /** Wall time of one multiply, in seconds. */
    public double timeOnce() {
        long t0 = System.nanoTime();
        multiply();
        return (System.nanoTime() - t0) / 1e9;
    }

    private void multiply() {
        Nd4j.gemm(a, b, c, false, false, 1.0, 0.0);
    }

    /** Median time of {@code repeats} multiplies after {@code warmup} untimed ones. */
    public static GemmRate measure(int n, int warmup, int repeats) {
        GemmReference g = new GemmReference(n);
        return new GemmRate(n, Timing.medianSeconds(warmup, repeats, g::multiply));
    }
}
