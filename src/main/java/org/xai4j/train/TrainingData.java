package org.xai4j.train;

import java.util.Iterator;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import org.xai4j.data.Batch;

/**
 * The batches a run trains and validates on.
 *
 * @param trainEpoch      epoch number (1-based) -> that epoch's shuffled, augmented training batches
 * @param batchesPerEpoch number of training batches per epoch
 * @param validation      validation batches, in a fixed order; null when there is no validation split
 */
public record TrainingData(IntFunction<Iterator<Batch>> trainEpoch, int batchesPerEpoch,
                           Supplier<Iterator<Batch>> validation) {
}
