package org.xai4j.constraint;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.xai4j.data.LabelTask;
import org.xai4j.loss.LogitLoss;
import org.xai4j.model.Target;
import org.xai4j.step.WeightSchedule;

/** Builds the constraint's parts from {@link ConstraintOptions} (the {@code train.constraint} config section). */
public final class Constraints {
    private Constraints() {
    }

    /**
     * The constrained training step.
     *
     * @param labelNames      label columns of the data (the score is their sum or the one named by {@code target})
     * @param task            how labels are read; multi-class data have no "all labels 0" healthy images
     * @param batchesPerEpoch converts {@code warmupEpochs} to updates
     * @param seed            the run's seed
     */
    public static ConstrainedStep step(ConstraintOptions o, LogitLoss loss, List<String> labelNames, LabelTask task,
                                       int batchesPerEpoch, long seed) {
        if (task == LabelTask.MULTI_CLASS) {
            throw new IllegalArgumentException("constraint: needs binary or multi-label data (healthy = every label "
                    + "0); multi-class one-hot labels have no healthy images");
        }
        AttributionConstraint term = new AttributionConstraint(new AttributionLoss(o.penalty(), o.scale(),
                o.normalize()), score(o.target(), labelNames), o.difference(), o.step());
        List<TrainingAttribution> methods = new ArrayList<>();
        for (String m : o.activeMethods()) {
            methods.add(TrainingAttributions.create(m, o));
        }
        if (o.attribution().equals(TrainingAttributions.COMBINATION) && o.combine() == ConstraintOptions.Combine.SUM) {
            methods = List.of(new SumAttribution(methods));
        }
        WeightSchedule lambda = new WeightSchedule(o.lambda(), Math.round(o.warmupEpochs() * batchesPerEpoch));
        return new ConstrainedStep(loss, methods, term, VoxelTargets.healthy(o.region()), lambda, seed, o.passes());
    }

    /** The pathological score: the sum of all logits ({@code sum}) or the logit of the named label. */
    public static Target score(String target, List<String> labelNames) {
        if (ConstraintOptions.SUM.equals(target)) {
            return Target.sum(IntStream.range(0, labelNames.size()).toArray());
        }
        int k = labelNames.indexOf(target);
        if (k < 0) {
            throw new IllegalArgumentException("target: unknown label '" + target + "' (allowed: sum, "
                    + String.join(", ", labelNames) + ")");
        }
        return Target.logit(k);
    }
}
