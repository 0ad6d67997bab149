package org.xai4j.data;

/**
 * Fast, reproducible stream of approximately Gaussian noise for pixel noise: SplitMix64 uniforms, each normal
 * variate the centred, rescaled sum of four of them (Irwin-Hall; variance 1, tails cut at +-3.46). About ten
 * times faster than {@link java.util.Random#nextGaussian()}, and defined by this code alone.
 */
final class NoiseStream {
    private static final double SCALE = Math.sqrt(3.0) / (1L << 53);
    private long state;

    NoiseStream(long seed) {
        this.state = seed;
    }

    private long next() {
        long z = (state += 0x9E3779B97F4A7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** A variate with mean 0 and variance 1. */
    double gaussian() {
        long sum = (next() >>> 11) + (next() >>> 11) + (next() >>> 11) + (next() >>> 11);
        return (sum - 2.0 * (1L << 53)) * SCALE;
    }
}
