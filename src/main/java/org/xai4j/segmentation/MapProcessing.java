package org.xai4j.segmentation;

import org.xai4j.data.Sample;

/**
 * The map post-processing of the paper (Wargnier-Dauchelle et al., IEEE TMI 2023): keep the positive part, optionally
 * smooth it (Gaussian, {@link SegmentationOptions#sigma()}), restrict it to the region (the brain mask when the sample
 * has one; 0 outside), then normalise it ({@link Normalisation}).
 */
public final class MapProcessing {
    private MapProcessing() {
    }

    /** Processes one raw H x W map of {@code sample} (not modified). */
    public static ProcessedMap process(Sample sample, float[] raw, SegmentationOptions options) {
        int h = sample.height();
        int w = sample.width();
        if (raw.length != h * w) {
            throw new IllegalArgumentException("map of " + sample.id() + " has " + raw.length + " values, expected "
                    + h + "x" + w);
        }
        if (sample.lesionMask() == null) {
            throw new IllegalArgumentException("sample " + sample.id() + " has no lesion mask to score against");
        }
        float[] region = region(sample, options.regionMask());
        float[] map = GaussianSmoothing.apply(positivePart(raw), h, w, options.sigma());
        double max = 0;
        for (int i = 0; i < map.length; i++) {
            map[i] = region[i] >= 0.5f ? map[i] : 0f;
            max = Math.max(max, map[i]);
        }
        if (options.normalise() == Normalisation.MAX && max > 0) {
            for (int i = 0; i < map.length; i++) {
                map[i] = (float) (map[i] / max);
            }
        }
        return new ProcessedMap(sample.id(), h, w, raw.clone(), map, region, sample.lesionMask().clone());
    }

    /** {@code max(v, 0)} of every value (a new array). */
    public static float[] positivePart(float[] map) {
        float[] out = new float[map.length];
        for (int i = 0; i < map.length; i++) {
            out[i] = Math.max(map[i], 0f);
        }
        return out;
    }

    /**
     * The sample's mask {@code name} binarised at 0.5, or all ones when the name is null or the sample lacks it; a
     * name {@code intensity>T} is the intensity proxy of a brain mask: the pixels whose first channel exceeds
     * {@code T} (the exact reference of issue 12 uses {@code intensity>0.02}).
     */
    public static float[] region(Sample sample, String name) {
        if (name != null && name.startsWith(SegmentationOptions.INTENSITY_REGION)) {
            double t = SegmentationOptions.intensityThreshold(name);
            float[] out = new float[sample.height() * sample.width()];
            for (int i = 0; i < out.length; i++) {
                out[i] = sample.pixels()[i] > t ? 1f : 0f;
            }
            return out;
        }
        float[] mask = name == null ? null : sample.masks().get(name);
        float[] out = new float[sample.height() * sample.width()];
        for (int i = 0; i < out.length; i++) {
            out[i] = mask == null || mask[i] >= 0.5f ? 1f : 0f;
        }
        return out;
    }
}
