/**
 * Anomaly segmentation from attribution maps and its baselines (Wargnier-Dauchelle et al., "A weakly supervised
 * gradient attribution constraint for interpretable classification and anomaly detection", IEEE TMI 42(11), 2023):
 * the attribution map of the pathological score on a pathological image, its positive part, optionally smoothed,
 * restricted to the brain mask and thresholded (fixed value, per-image percentile, Otsu 1979, or the value that
 * maximises mean Dice on a validation split), scored with Dice, IoU and pixel AUROC against the lesion masks.
 * The same pipeline thresholds two baselines: the input intensity (the FLAIR-threshold baseline) and the
 * reconstruction residual of a convolutional autoencoder trained on healthy images only (Baur et al., "Autoencoders
 * for unsupervised anomaly segmentation in brain MR images: a comparative study", Medical Image Analysis 69, 2021).
 *
 * <p>Entry points: {@link org.xai4j.segmentation.SegmentationEvaluator} (Java API, one method at a time, returns
 * records), {@link org.xai4j.segmentation.SegmentationContext} (a trained run with its data and the map sources
 * for it) and {@link org.xai4j.segmentation.SegmentationJob} ({@code xai4j segment}: all methods, files).
 */
package org.xai4j.segmentation;
