package org.xai4j.adversarial;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The valid input range {@code [min, max]} that adversarial examples are clipped to ({@code [0, 1]} for images
 * that are not normalised). Where a clean value already lies outside the range (e.g. after a brightness
 * augmentation) the range is widened to include it, so that clipping only ever moves a value towards its clean
 * value: the clipped point then stays in the threat model's ball (for Linf and L2 alike).
 *
 * @param min smallest valid value
 * @param max largest valid value
 */
public record InputRange(double min, double max) {
    /** Images in [0, 1]. */
    public static final InputRange UNIT = new InputRange(0, 1);

    public InputRange {
        if (!(min < max) || Double.isNaN(min) || Double.isNaN(max)) {
            throw new IllegalArgumentException("range: min must be < max, got [" + min + ", " + max + "]");
        }
    }

    /** {@code x} clipped coordinate-wise to {@code [min(this.min, x0), max(this.max, x0)]}; a new array. */
    public INDArray clip(INDArray x, INDArray x0) {
        INDArray lower = Transforms.min(x0, min, true);
        INDArray upper = Transforms.max(x0, max, true);
        return Transforms.min(Transforms.max(x, lower, true), upper, false);
    }
}
