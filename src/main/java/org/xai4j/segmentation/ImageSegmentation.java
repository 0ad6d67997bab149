package org.xai4j.segmentation;

/**
 * One segmented image: its maps, the predicted mask (H x W, 1 = lesion) and its scores.
 *
 * @param map       raw and processed map, region and truth
 * @param predicted the predicted lesion mask
 * @param score     its Dice, IoU and pixel AUROC
 */
public record ImageSegmentation(ProcessedMap map, float[] predicted, ImageScore score) {
}
