package org.xai4j.model;

import org.deeplearning4j.nn.gradient.Gradient;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Result of {@link ModelAdapter#backward}.
 *
 * @param parameterGradient DL4J's Gradient of the live graph: <b>views</b> into the graph's flattened gradient
 *                          array, valid until the next pass that writes it (any TRAINING-mode gradient call, any
 *                          {@code backward} or {@code parameterGradient} call). Raw sums over the batch; DL4J's
 *                          updater divides by the batch size. BatchNorm running-mean/variance entries hold the
 *                          running-statistics update (after a TRAINING forward) or zero (after an INFERENCE forward).
 *                          Pass it to {@code graph.getUpdater().update(g, iteration, epoch, batchSize, noWorkspaces)}
 *                          then {@code graph.params().subi(g.gradient())} (DESIGN.md decision 2).
 * @param inputGradient     dT/dx (owned copy), or null when not requested
 */
public record Backward(Gradient parameterGradient, INDArray inputGradient) {
}
