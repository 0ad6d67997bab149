package org.xai4j.tune;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;
import org.xai4j.model.Classifier;
import org.xai4j.train.EpochSummary;
import org.xai4j.train.TrainingListener;

/**
 * Records a trial's objective after every epoch and, from {@link PruneOptions#afterEpochs()} on, asks the training
 * loop to stop when the trial's best value so far is below the median of the earlier trials' values at the same
 * epoch ({@link PruneOptions}; as Optuna's MedianPruner compares them).
 */
final class MedianPruner implements TrainingListener {
    private final PruneOptions options;
    private final List<List<Double>> earlier;
    private final BiFunction<Classifier, EpochSummary, Double> objectiveAt;
    private final List<Double> curve = new ArrayList<>();
    private String reason;

    /**
     * @param earlier     the per-epoch curves of the trials that ended before this one (done or pruned)
     * @param objectiveAt the objective of the model after an epoch
     */
    MedianPruner(PruneOptions options, List<List<Double>> earlier,
                 BiFunction<Classifier, EpochSummary, Double> objectiveAt) {
        this.options = options;
        this.earlier = List.copyOf(earlier);
        this.objectiveAt = objectiveAt;
    }

    @Override
    public void onEpoch(Classifier classifier, EpochSummary summary) {
        double value = objectiveAt.apply(classifier, summary);
        curve.add(value);
        int epoch = summary.epoch();
        if (epoch < options.afterEpochs()) {
            return;
        }
        double best = curve.stream().filter(Double::isFinite).mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        double median = median(earlier, epoch);
        int n = count(earlier, epoch);
        if (n >= options.minTrials() && (Double.isNaN(best) || best < median)) {
            reason = String.format(Locale.ROOT, "pruned after epoch %d: best objective so far %.4f below the median "
                    + "%.4f of %d earlier trials at that epoch", epoch, best, median, n);
        }
    }

    @Override
    public boolean stopRequested() {
        return reason != null;
    }

    /** Why the trial was pruned, or null when it was not. */
    String reason() {
        return reason;
    }

    /** The objective after each epoch trained so far. */
    List<Double> curve() {
        return List.copyOf(curve);
    }

    /** Median of the finite values the curves have at 1-based {@code epoch}; NaN when none has one. */
    static double median(List<List<Double>> curves, int epoch) {
        List<Double> values = values(curves, epoch);
        if (values.isEmpty()) {
            return Double.NaN;
        }
        values.sort(null);
        int n = values.size();
        return n % 2 == 1 ? values.get(n / 2) : (values.get(n / 2 - 1) + values.get(n / 2)) / 2;
    }

    private static int count(List<List<Double>> curves, int epoch) {
        return values(curves, epoch).size();
    }

    private static List<Double> values(List<List<Double>> curves, int epoch) {
        List<Double> out = new ArrayList<>();
        for (List<Double> c : curves) {
            if (c.size() >= epoch && Double.isFinite(c.get(epoch - 1))) {
                out.add(c.get(epoch - 1));
            }
        }
        return out;
    }
}
