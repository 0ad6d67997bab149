package org.xai4j.constraint;

import java.util.SplittableRandom;

/** Input x Gradient {@code A = x * ds/dx} (Shrikumar et al., 2016). */
public final class InputXGradientAttribution implements TrainingAttribution {
    @Override
    public String name() {
        return "ixg";
    }

    @Override
    public PointSet points(SubBatch batch, SplittableRandom rng) {
        return new AtInput(batch.images(), batch.images().dup());
    }
}
