package org.xai4j.attribution;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.model.Target;

/**
 * The value of a {@link Target} on logits, for the methods that need T itself (Occlusion, the IG completeness
 * delta): {@code T_n(z_n) = <dT/dz_n, z_n>}. This is exact for the attribution targets, which are linear in the
 * logits ({@link Target#logit}, {@link Target#perExample}, {@link Target#sum}, {@link Target#weights}); for a
 * non-linear target it is the first-order (tangent) value.
 */
public final class TargetValues {
    private TargetValues() {
    }

    /** {@code T_n(z_n)} for every row n of the N x K logits. */
    public static double[] of(Target target, INDArray logits) {
        return ReplicatedTarget.values(target, (int) logits.size(0), 0, logits);
    }
}
