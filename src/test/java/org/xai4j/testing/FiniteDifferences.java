package org.xai4j.testing;

import java.util.function.ToDoubleFunction;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Central finite differences, the slow and obviously correct reference for gradient tests (Zennit's practice).
 * Use in DOUBLE precision.
 */
public final class FiniteDifferences {
    private FiniteDifferences() {
    }

    /**
     * Runs ND4J single-threaded: the test graphs are tiny, and on a shared 2-core machine OpenMP threads only add
     * contention (measured: several times slower under load). Affects the whole test JVM.
     */
    public static void singleThreaded() {
        Nd4j.getEnvironment().setMaxMasterThreads(1);
        Nd4j.getEnvironment().setMaxThreads(1);
    }

    /** (f(x + h e_i) - f(x - h e_i)) / 2h for every entry i of x (x is restored; must not be a view). */
    public static INDArray gradient(ToDoubleFunction<INDArray> f, INDArray x, double h) {
        INDArray g = Nd4j.zeros(DataType.DOUBLE, x.shape());
        INDArray flat = x.reshape(x.length());
        INDArray gFlat = g.reshape(g.length());
        for (long i = 0; i < x.length(); i++) {
            gFlat.putScalar(i, partial(f, x, flat, i, h));
        }
        return g;
    }

    /**
     * Central differences at {@code count} entries of x drawn without replacement by a seeded generator; returns
     * {indices, fd values, gradient values at those indices} as a 3 x count array.
     */
    public static INDArray sampled(ToDoubleFunction<INDArray> f, INDArray x, INDArray gradient, int count, long seed,
                                   double h) {
        INDArray flat = x.reshape(x.length());
        INDArray gFlat = gradient.reshape(gradient.length());
        java.util.List<Long> idx = new java.util.ArrayList<>();
        for (long i = 0; i < x.length(); i++) {
            idx.add(i);
        }
        java.util.Collections.shuffle(idx, new java.util.Random(seed));
        int n = Math.min(count, idx.size());
        INDArray out = Nd4j.zeros(DataType.DOUBLE, 3, n);
        for (int j = 0; j < n; j++) {
            long i = idx.get(j);
            out.putScalar(0, j, i);
            out.putScalar(1, j, partial(f, x, flat, i, h));
            out.putScalar(2, j, gFlat.getDouble(i));
        }
        return out;
    }

    /**
     * Partial derivative along entry {@code i} of the flattened {@code target}, which f reads (e.g. the network's
     * parameter vector). {@code target} is restored exactly.
     */
    public static double partial(ToDoubleFunction<INDArray> f, INDArray arg, INDArray target, long i, double h) {
        double v = target.getDouble(i);
        target.putScalar(i, v + h);
        double plus = f.applyAsDouble(arg);
        target.putScalar(i, v - h);
        double minus = f.applyAsDouble(arg);
        target.putScalar(i, v);
        return (plus - minus) / (2 * h);
    }

    /** ||a - b|| / max(||b||, 1e-30), computed in double. */
    public static double relativeError(INDArray a, INDArray b) {
        INDArray ad = a.castTo(DataType.DOUBLE).reshape(a.length());
        INDArray bd = b.castTo(DataType.DOUBLE).reshape(b.length());
        return ad.sub(bd).norm2Number().doubleValue() / Math.max(bd.norm2Number().doubleValue(), 1e-30);
    }
}
