package org.xai4j.model;

/**
 * Shape of one network input: channels x height x width for an image, channels x depth x height x width for a
 * volume. Every 2-D model has depth 1 ({@link #InputShape(int, int, int)}); a depth of 0, as in the descriptions of
 * checkpoints written before the depth axis existed, reads as 1. The registered models are 2-D; volumes (NIfTI,
 * 3-D models) build on this shape.
 */
public record InputShape(int channels, int depth, int height, int width) {
    public InputShape {
        depth = depth == 0 ? 1 : depth;
        if (channels < 1 || depth < 1 || height < 1 || width < 1) {
            throw new IllegalArgumentException("input shape must be positive, got " + channels + "x" + depth + "x"
                    + height + "x" + width);
        }
    }

    /** A 2-D image shape (depth 1). */
    public InputShape(int channels, int height, int width) {
        this(channels, 1, height, width);
    }

    /** True for a volume (depth > 1). */
    public boolean isVolume() {
        return depth > 1;
    }

    /** Spatial elements per channel: pixels of an image, voxels of a volume. */
    public long pixels() {
        return (long) depth * height * width;
    }

    /** The ND4J shape of {@code n} inputs: N x C x H x W, or N x C x D x H x W for a volume. */
    public long[] batchShape(long n) {
        return isVolume() ? new long[] {n, channels, depth, height, width} : new long[] {n, channels, height, width};
    }

    /** The ND4J shape of {@code n} single-channel maps (masks, attribution targets) of this spatial size. */
    public long[] mapShape(long n) {
        return isVolume() ? new long[] {n, 1, depth, height, width} : new long[] {n, 1, height, width};
    }

    @Override
    public String toString() {
        return isVolume() ? channels + "x" + depth + "x" + height + "x" + width : channels + "x" + height + "x" + width;
    }
}
