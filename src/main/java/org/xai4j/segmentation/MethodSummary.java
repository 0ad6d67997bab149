package org.xai4j.segmentation;

/**
 * One row of the comparison table: a map source segmented with one threshold rule on one split.
 *
 * @param method         source name ({@code grad}, {@code ixg}, ..., {@code intensity}, {@code autoencoder})
 * @param kind           attribution method or baseline
 * @param threshold      the rule, as written ({@code otsu}, {@code best-dice}, ...)
 * @param thresholdValue the threshold applied to every image for {@code fixed} and {@code best-dice} (the value
 *                       chosen on validation); NaN for per-image rules
 * @param images         number of images scored
 * @param meanDice       mean of the per-image Dice
 * @param meanIou        mean of the per-image IoU
 * @param pixelAuroc     pixel AUROC of the raw maps, all region pixels of all images pooled (NaN when undefined)
 * @param processedAuroc the same for the processed maps (positive part, smoothed, normalised: what is thresholded)
 */
public record MethodSummary(String method, SourceKind kind, String threshold, double thresholdValue, int images,
                            double meanDice, double meanIou, double pixelAuroc, double processedAuroc) {
}
