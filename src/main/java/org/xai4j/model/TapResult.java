package org.xai4j.model;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What {@link ModelAdapter#tap} returns: the logits, the activations at a named tap (the output of the tap's
 * vertex) and dT/d(those activations) for the target T (summed over the batch's T, so each example's slice is
 * its own gradient unless BatchNorm batch statistics couple examples in TRAINING mode). All are owned copies.
 *
 * @param logits      N x K
 * @param activations the tap vertex's output, e.g. N x C x H x W
 * @param gradient    same shape as {@code activations}
 */
public record TapResult(INDArray logits, INDArray activations, INDArray gradient) {
}
