package org.xai4j.run;

/**
 * Where a run stands after an epoch; stored with every checkpoint so training can resume exactly.
 *
 * @param epoch                   completed epochs (0 before training)
 * @param iteration               parameter updates done
 * @param learningRate            current learning rate
 * @param bestMetric              best value of the monitored metric so far (NaN before the first validation)
 * @param bestEpoch               epoch that reached it (0 when none)
 * @param epochsWithoutImprovement epochs since the last improvement (early stopping)
 * @param epochsSinceLrChange     epochs since the last learning-rate reduction or improvement (plateau schedule)
 */
public record TrainingState(int epoch, long iteration, double learningRate, double bestMetric, int bestEpoch,
                            int epochsWithoutImprovement, int epochsSinceLrChange) {
    public static TrainingState start(double learningRate) {
        return new TrainingState(0, 0, learningRate, Double.NaN, 0, 0, 0);
    }
}
