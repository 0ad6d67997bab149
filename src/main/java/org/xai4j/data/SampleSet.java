package org.xai4j.data;

import java.util.List;

/**
 * A loaded data set: samples of all splits, the label names and the common image shape.
 *
 * @param labelNames  names of the label columns, in the order of {@link Sample#labels()}
 * @param task        how labels are read: binary (one column), multi-label or multi-class (one-hot)
 * @param depth       1 for images (the six-argument constructor), the slices of volumes
 */
public record SampleSet(List<String> labelNames, LabelTask task, int channels, int depth, int height, int width,
                        List<Sample> samples) {
    public SampleSet {
        labelNames = List.copyOf(labelNames);
        samples = List.copyOf(samples);
        if (depth < 1) {
            throw new IllegalArgumentException("data: depth must be >= 1, got " + depth);
        }
    }

    /** A set of 2-D images (depth 1). */
    public SampleSet(List<String> labelNames, LabelTask task, int channels, int height, int width,
                     List<Sample> samples) {
        this(labelNames, task, channels, 1, height, width, samples);
    }

    /** {@code C x H x W}, or {@code C x D x H x W} for volumes. */
    public String shape() {
        return Sample.shape(channels, depth, height, width);
    }

    public List<Sample> split(Split split) {
        return samples.stream().filter(s -> s.split() == split).toList();
    }

    public int numLabels() {
        return labelNames.size();
    }
}
