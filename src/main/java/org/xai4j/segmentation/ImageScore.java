package org.xai4j.segmentation;

/**
 * How one image was segmented.
 *
 * @param id              sample id
 * @param threshold       the threshold applied to its processed map
 * @param dice            Dice of the predicted and true lesion masks
 * @param iou             IoU of the same masks
 * @param pixelAuroc      pixel AUROC of its raw map inside the region (NaN when the region holds only one class)
 * @param processedAuroc  pixel AUROC of its processed map (the one thresholded) inside the region
 * @param lesionPixels    pixels of the true lesion mask
 * @param predictedPixels pixels of the predicted mask
 */
public record ImageScore(String id, double threshold, double dice, double iou, double pixelAuroc,
                         double processedAuroc, int lesionPixels, int predictedPixels) {
}
