package org.xai4j.segmentation;

import java.util.List;

/**
 * Everything {@link SegmentationEvaluator#evaluate} computed for one map source: the summary row and the per-image
 * segmentations (for writing masks and overlays).
 *
 * @param summary the table row
 * @param rule    the threshold rule as applied (a fitted {@link BestDiceThreshold} for {@code best-dice})
 * @param images  per-image maps, masks and scores, in sample order
 */
public record MethodResult(MethodSummary summary, ThresholdRule rule, List<ImageSegmentation> images) {
    public MethodResult {
        images = List.copyOf(images);
    }
}
