package org.xai4j.metrics;

import java.util.List;

/**
 * How well a score map (attribution or anomaly map) ranks the pixels inside a binary mask above those
 * outside it: the {@link RocCurve} of the pixel scores against the mask binarised at 0.5 (a pixel belongs to
 * the mask when its value is {@code >= 0.5}). An empty or full mask gives an undefined curve (NaN AUC).
 */
public final class PixelAuroc {
    private PixelAuroc() {
    }

    /** The pixel ROC curve of one map against one mask of the same length; {@code auc()} is the pixel AUROC. */
    public static RocCurve of(float[] scoreMap, float[] mask) {
        return pooled(List.of(scoreMap), List.of(mask));
    }

    /**
     * The ROC curve of all pixels of all maps pooled together (the usual pixel-level AUROC of anomaly
     * segmentation benchmarks, which weighs every pixel equally rather than every image).
     */
    public static RocCurve pooled(List<float[]> scoreMaps, List<float[]> masks) {
        if (scoreMaps.size() != masks.size()) {
            throw new IllegalArgumentException("got " + scoreMaps.size() + " score maps but " + masks.size()
                    + " masks");
        }
        int total = 0;
        for (int m = 0; m < scoreMaps.size(); m++) {
            Inputs.checkSameLength(scoreMaps.get(m), "scoreMaps[" + m + "]", masks.get(m), "masks[" + m + "]");
            Inputs.checkNotNaN(scoreMaps.get(m), "scoreMaps[" + m + "]");
            Inputs.checkNotNaN(masks.get(m), "masks[" + m + "]");
            total = Math.addExact(total, scoreMaps.get(m).length);
        }
        double[] scores = new double[total];
        int[] labels = new int[total];
        int at = 0;
        for (int m = 0; m < scoreMaps.size(); m++) {
            float[] map = scoreMaps.get(m);
            float[] mask = masks.get(m);
            for (int i = 0; i < map.length; i++, at++) {
                scores[at] = map[i];
                labels[at] = mask[i] >= MaskOverlap.THRESHOLD ? 1 : 0;
            }
        }
        return RocCurve.of(scores, labels);
    }
}
