package org.xai4j.segmentation;

import java.util.List;
import java.util.Map;
import org.xai4j.data.Sample;
import org.xai4j.data.Split;

/** Test helper: hand-made samples and processed maps. */
final class Maps {
    private Maps() {
    }

    /** A processed map whose raw and processed values are {@code values}, region all ones unless given. */
    static ProcessedMap map(String id, int h, int w, float[] values, float[] truth, float[] region) {
        float[] r = region;
        if (r == null) {
            r = new float[h * w];
            java.util.Arrays.fill(r, 1f);
        }
        return new ProcessedMap(id, h, w, values.clone(), values.clone(), r, truth);
    }

    /** A one-channel pathological (label 1) sample with a lesion mask and, when not null, a brain mask. */
    static Sample sample(String id, int h, int w, float[] pixels, float[] lesion, float[] brain) {
        Map<String, float[]> masks = brain == null ? Map.of() : Map.of("brain", brain);
        return new Sample(id, pixels, 1, h, w, new float[] {1f}, lesion, masks, List.of(), Split.TEST);
    }

    /** The same, labelled healthy. */
    static Sample healthy(String id, int h, int w, float[] pixels, float[] lesion) {
        return new Sample(id, pixels, 1, h, w, new float[] {0f}, lesion, Map.of(), List.of(), Split.TEST);
    }
}
