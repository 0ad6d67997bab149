package org.xai4j.model;

/**
 * Channel counts of a width-scaled network: every reference channel count (including DenseNet's growth rate
 * and initial features, and VGG's fully connected width) is multiplied by {@link ModelOptions#widthMultiplier()},
 * rounded, and kept at least {@link #MIN_CHANNELS} so that tiny variants still have a few feature maps.
 */
public final class Widths {
    /** Smallest channel count a scaled layer gets. */
    public static final int MIN_CHANNELS = 4;

    private Widths() {
    }

    /** {@code max(MIN_CHANNELS, round(channels * multiplier))}; the multiplier 1 keeps the reference width. */
    public static int scale(int channels, double multiplier) {
        if (multiplier == 1.0) {
            return channels;
        }
        return (int) Math.max(MIN_CHANNELS, Math.round(channels * multiplier));
    }
}
