package org.xai4j.constraint;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Integrated Gradients (Sundararajan et al., ICML 2017) from the zero baseline with {@code m} points of the right
 * Riemann sum: {@code A = x * (1/m) sum_{j=1..m} ds/dx(j x / m)}. With one point it equals Input x Gradient.
 */
public final class IntegratedGradientsAttribution implements TrainingAttribution {
    private final int steps;

    public IntegratedGradientsAttribution(int steps) {
        if (steps < 1) {
            throw new IllegalArgumentException("steps: must be >= 1, got " + steps);
        }
        this.steps = steps;
    }

    @Override
    public String name() {
        return "ig";
    }

    @Override
    public PointSet points(SubBatch batch, SplittableRandom rng) {
        INDArray x = batch.images();
        return PointSet.of(x, steps, j -> new AttributionPoint(x.mul((j + 1.0) / steps), x.div(steps)));
    }
}
