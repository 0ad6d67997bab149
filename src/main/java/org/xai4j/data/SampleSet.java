package org.xai4j.data;

import java.util.List;

/**
 * A loaded data set: samples of all splits, the label names and the common image shape.
 *
 * @param labelNames  names of the label columns, in the order of {@link Sample#labels()}
 * @param task        how labels are read: binary (one column), multi-label or multi-class (one-hot)
 */
public record SampleSet(List<String> labelNames, LabelTask task, int channels, int height, int width,
                        List<Sample> samples) {
    public SampleSet {
        labelNames = List.copyOf(labelNames);
        samples = List.copyOf(samples);
    }

    public List<Sample> split(Split split) {
        return samples.stream().filter(s -> s.split() == split).toList();
    }

    public int numLabels() {
        return labelNames.size();
    }
}
