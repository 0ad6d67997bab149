package org.xai4j.train;

import java.util.Iterator;
import java.util.List;
import org.xai4j.config.RunConfig;
import org.xai4j.data.Batch;
import org.xai4j.data.BatchIterator;
import org.xai4j.data.DataSources;
import org.xai4j.data.Sample;
import org.xai4j.data.Transforms;

/**
 * The batches of a run: training batches shuffled per epoch from the run's seed and augmented when
 * {@code train.augment} is on, prepared {@code data.prefetch} batches ahead on a background thread; validation and
 * test batches in fixed order with normalisation only.
 */
public final class Batching {
    private Batching() {
    }

    public static TrainingData trainingData(List<Sample> train, List<Sample> val, RunConfig config) {
        Transforms transforms = DataSources.transforms(config.data());
        BatchIterator batches = BatchIterator.of(train, config.train().batchSize()).withShuffle(config.seed())
                .withTransforms(transforms, config.train().augment()).withPrefetch(config.data().prefetch());
        return new TrainingData(epoch -> batches.epoch(epoch).iterator(), batches.numBatches(),
                val.isEmpty() ? null : () -> fixedOrder(val, config));
    }

    /** Batches in sample order, normalised as in training, never augmented. */
    public static Iterator<Batch> fixedOrder(List<Sample> samples, RunConfig config) {
        return BatchIterator.of(samples, config.train().batchSize())
                .withTransforms(DataSources.transforms(config.data()), false).epoch(0).iterator();
    }
}
