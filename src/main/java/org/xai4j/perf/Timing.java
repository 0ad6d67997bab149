package org.xai4j.perf;

import java.util.Arrays;

/** Median wall time of repeated calls. */
public final class Timing {
    private Timing() {
    }

    /**
     * Runs {@code call} {@code warmup} times untimed, then {@code iterations} times timed.
     *
     * @return the median of the timed calls, in seconds
     */
    public static double medianSeconds(int warmup, int iterations, Runnable call) {
        if (warmup < 0 || iterations < 1) {
            throw new IllegalArgumentException("warmup >= 0 and iterations >= 1 required, got " + warmup + ", "
                    + iterations);
        }
        for (int i = 0; i < warmup; i++) {
            call.run();
        }
        double[] t = new double[iterations];
        for (int i = 0; i < t.length; i++) {
            long t0 = System.nanoTime();
            call.run();
            t[i] = (System.nanoTime() - t0) / 1e9;
        }
        return median(t);
    }

    /** Median of {@code seconds} (not modified). */
    public static double median(double[] seconds) {
        double[] t = seconds.clone();
        Arrays.sort(t);
        int n = t.length;
        return n % 2 == 1 ? t[n / 2] : (t[n / 2 - 1] + t[n / 2]) / 2;
    }
}
