package org.xai4j.loss;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Value and logit gradient of a loss on one batch.
 *
 * @param value          the loss, averaged over the examples of the batch
 * @param logitGradient  N x K: the gradient of the SUM over the batch of the per-example losses with respect to
 *                       the logits (DL4J back-propagates sums; its updater divides by the batch size)
 */
public record LossValue(double value, INDArray logitGradient) {
}
