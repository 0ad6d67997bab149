package org.xai4j.constraint;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One term {@code M * g(x')} of an attribution that is linear in input gradients: {@code A = sum_j M_j * g(x'_j)}
 * with {@code g = ds/dx} (METHODS.md 2.1). Gradient: {@code x' = x, M = 1}; Input x Gradient: {@code x' = x,
 * M = x}; Integrated and Expected Gradients: one term per path point.
 *
 * @param input      x', where the input gradient is taken (N x C x H x W)
 * @param multiplier M, held constant with respect to the weights (N x C x H x W)
 */
public record AttributionPoint(INDArray input, INDArray multiplier) {
}
