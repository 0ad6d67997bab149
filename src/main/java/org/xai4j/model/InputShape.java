package org.xai4j.model;

/** Shape of one network input image: channels x height x width. */
public record InputShape(int channels, int height, int width) {
    public InputShape {
        if (channels < 1 || height < 1 || width < 1) {
            throw new IllegalArgumentException("input shape must be positive, got " + channels + "x" + height + "x" + width);
        }
    }

    public long pixels() {
        return (long) height * width;
    }

    @Override
    public String toString() {
        return channels + "x" + height + "x" + width;
    }
}
