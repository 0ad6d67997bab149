package org.xai4j.data;

/** Derives independent seeds from a base seed and a path of integers (SplitMix64 finaliser at every step). */
final class Seeds {
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private Seeds() {
    }

    static long mix(long seed, long... parts) {
        long z = seed;
        for (long p : parts) {
            z = finalise(z + GOLDEN * (p + 1));
        }
        return z;
    }

    /**
     * A uniform number in [0, 1) fixed by {@code seed}, a key (a patient or lesion id) and a salt that keeps draws of
     * different purposes apart: the seeded group-level split draws of the public data sets.
     */
    static double unit(long seed, String key, long salt) {
        return (mix(seed, key.hashCode(), salt) >>> 11) * 0x1.0p-53;
    }

    private static long finalise(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
