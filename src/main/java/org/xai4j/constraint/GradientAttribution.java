package org.xai4j.constraint;

import java.util.SplittableRandom;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Gradient {@code A = ds/dx} (Simonyan et al., 2014), the default attribution of the constraint: Wargnier-Dauchelle
 * et al. (IEEE TMI 2023) found it behaves like Expected Gradients at a fraction of the cost.
 */
public final class GradientAttribution implements TrainingAttribution {
    @Override
    public String name() {
        return "grad";
    }

    @Override
    public PointSet points(SubBatch batch, SplittableRandom rng) {
        return new AtInput(batch.images(), Nd4j.onesLike(batch.images()));
    }
}
