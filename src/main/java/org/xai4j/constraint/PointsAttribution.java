package org.xai4j.constraint;

import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.attribution.Attribution;
import org.xai4j.model.Mode;
import org.xai4j.model.ModelAdapter;
import org.xai4j.model.Target;

/**
 * The post-hoc form of a {@link TrainingAttribution}: {@code A = sum_j M_j * g(x'_j)} with the input gradients
 * {@code g} taken in inference mode (BN-folded twin, as every post-hoc method), the explained batch as the pool of
 * references, and a fixed seed, so the same inputs give the same maps.
 */
public final class PointsAttribution implements Attribution {
    private static final long SEED = 0;
    private final ModelAdapter adapter;
    private final TrainingAttribution method;

    public PointsAttribution(ModelAdapter adapter, TrainingAttribution method) {
        this.adapter = adapter;
        this.method = method;
    }

    @Override
    public String name() {
        return method.name();
    }

    @Override
    public INDArray attribute(INDArray inputs, Target target) {
        int n = (int) inputs.size(0);
        SubBatch all = new SubBatch(inputs, IntStream.range(0, n).toArray(), inputs, null);
        PointSet points = method.points(all, new SplittableRandom(SEED));
        INDArray sum = null;
        for (int j = 0; j < points.size(); j++) {
            AttributionPoint p = points.point(j);
            INDArray term = adapter.inputGradient(p.input(), target, Mode.INFERENCE).muli(p.multiplier());
            sum = sum == null ? term : sum.addi(term);
        }
        return sum;
    }
}
