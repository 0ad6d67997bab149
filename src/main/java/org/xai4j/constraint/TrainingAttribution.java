package org.xai4j.constraint;

import java.util.SplittableRandom;

/**
 * An attribution usable inside training: it is linear in input gradients ({@code A = sum_j M_j * g(x'_j)}), so its
 * weight gradient is a sum of Hessian-vector products (METHODS.md 2.1). Implementations only say where the input
 * gradients are taken and with which multipliers; {@link AttributionConstraint} runs the passes.
 */
public interface TrainingAttribution {
    /** Short name ({@code grad}, {@code ixg}, {@code eg}, {@code ig}, or a combination of them). */
    String name();

    /**
     * @param batch the constrained images and their batch
     * @param rng   draws the random parts (Expected Gradients' references and path positions)
     */
    PointSet points(SubBatch batch, SplittableRandom rng);
}
