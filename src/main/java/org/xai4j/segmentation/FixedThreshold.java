package org.xai4j.segmentation;

/**
 * The same threshold for every image ({@code fixed:T}).
 *
 * @param value pixels whose processed value is strictly above it are predicted lesion
 */
public record FixedThreshold(double value) implements ThresholdRule {
    public FixedThreshold {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("threshold: fixed value must be finite, got " + value);
        }
    }

    @Override
    public String spec() {
        return "fixed:" + value;
    }

    @Override
    public double threshold(float[] regionValues) {
        return value;
    }
}
