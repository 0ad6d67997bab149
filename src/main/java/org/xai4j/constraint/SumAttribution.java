package org.xai4j.constraint;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The sum of several attributions' maps, one of the two combination modes of Wargnier-Dauchelle et al. (IEEE TMI
 * 2023), which makes the model robust to the attribution used at inference. Points at the images themselves
 * (Gradient, Input x Gradient) are merged into one point by adding their multipliers, so {@code grad + ixg} costs
 * the same passes as one of them.
 */
public final class SumAttribution implements TrainingAttribution {
    private final List<TrainingAttribution> parts;

    public SumAttribution(List<TrainingAttribution> parts) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("methods: must list at least one attribution");
        }
        this.parts = List.copyOf(parts);
    }

    @Override
    public String name() {
        return parts.stream().map(TrainingAttribution::name).collect(Collectors.joining("+"));
    }

    @Override
    public PointSet points(SubBatch batch, SplittableRandom rng) {
        INDArray atInput = null;
        List<PointSet> others = new ArrayList<>();
        for (TrainingAttribution p : parts) {
            PointSet s = p.points(batch, rng);
            if (s instanceof AtInput a) {
                atInput = atInput == null ? a.multiplier().dup() : atInput.addi(a.multiplier());
            } else {
                others.add(s);
            }
        }
        List<PointSet> sets = new ArrayList<>();
        if (atInput != null) {
            sets.add(new AtInput(batch.images(), atInput));
        }
        sets.addAll(others);
        int total = sets.stream().mapToInt(PointSet::size).sum();
        return PointSet.of(batch.images(), total, j -> {
            int k = j;
            for (PointSet s : sets) {
                if (k < s.size()) {
                    return s.point(k);
                }
                k -= s.size();
            }
            throw new IllegalStateException("point " + j + " of " + total);
        });
    }
}
