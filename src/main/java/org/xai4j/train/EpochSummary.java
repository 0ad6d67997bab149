package org.xai4j.train;

import java.util.Map;

/**
 * What one epoch produced, handed to listeners and written as a row of the metrics CSV.
 *
 * @param epoch         1-based epoch number
 * @param trainLoss     loss parts averaged over the epoch's batches
 * @param valLoss       validation loss (NaN without a validation split)
 * @param valAuc        mean validation ROC AUC over labels (NaN when undefined)
 * @param learningRate  learning rate used in this epoch
 * @param seconds       wall time of the epoch's training part
 * @param imagesPerSecond training throughput
 * @param improved      the monitored metric improved (a new best checkpoint was written)
 */
public record EpochSummary(int epoch, Map<String, Double> trainLoss, double valLoss, double valAuc, double learningRate,
                           double seconds, double imagesPerSecond, boolean improved) {
}
