package org.xai4j.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Mini-batches over a fixed list of samples, epoch by epoch: every sample appears exactly once per epoch (the last
 * batch may be smaller), in an order shuffled from (seed, epoch) when shuffling is on. Optional {@link Transforms}
 * normalise every batch and augment it when asked (train batches); each sample's augmentation is drawn from an
 * RNG seeded by (seed, epoch, sample), so epochs are reproducible whatever the batch size. Immutable: the
 * {@code with...} methods return configured copies.
 */
public final class BatchIterator {
    private final List<Sample> samples;
    private final int batchSize;
    private final Long seed;
    private final Transforms transforms;
    private final boolean augment;
    private final DataType dataType;

    private BatchIterator(List<Sample> samples, int batchSize, Long seed, Transforms transforms, boolean augment,
                          DataType dataType) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize: must be >= 1, got " + batchSize);
        }
        this.samples = List.copyOf(samples);
        this.batchSize = batchSize;
        this.seed = seed;
        this.transforms = transforms;
        this.augment = augment;
        this.dataType = dataType;
    }

    /** Batches of {@code batchSize} in list order, no transforms, FLOAT. */
    public static BatchIterator of(List<Sample> samples, int batchSize) {
        return new BatchIterator(samples, batchSize, null, null, false, DataType.FLOAT);
    }

    /** A copy that shuffles every epoch from {@code seed} (and seeds augmentation). */
    public BatchIterator withShuffle(long shuffleSeed) {
        return new BatchIterator(samples, batchSize, shuffleSeed, transforms, augment, dataType);
    }

    /** A copy that normalises with {@code t} and, when {@code augmentBatches}, augments first. */
    public BatchIterator withTransforms(Transforms t, boolean augmentBatches) {
        return new BatchIterator(samples, batchSize, seed, t, augmentBatches, dataType);
    }

    /** A copy producing arrays of {@code type}. */
    public BatchIterator withDataType(DataType type) {
        return new BatchIterator(samples, batchSize, seed, transforms, augment, type);
    }

    public int size() {
        return samples.size();
    }

    public int numBatches() {
        return (samples.size() + batchSize - 1) / batchSize;
    }

    /** The sample order of {@code epoch} (indices into the list). */
    public List<Integer> order(int epoch) {
        List<Integer> order = new ArrayList<>(samples.size());
        for (int i = 0; i < samples.size(); i++) {
            order.add(i);
        }
        if (seed != null) {
            Collections.shuffle(order, new Random(Seeds.mix(seed, epoch, -1)));
        }
        return order;
    }

    /** The batches of {@code epoch} (0-based), produced lazily. */
    public Iterable<Batch> epoch(int epoch) {
        List<Integer> order = order(epoch);
        return () -> new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < order.size();
            }

            @Override
            public Batch next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                int end = Math.min(order.size(), next + batchSize);
                List<Sample> batch = new ArrayList<>(end - next);
                for (int j = next; j < end; j++) {
                    batch.add(prepare(order.get(j), epoch));
                }
                next = end;
                return Batches.of(batch, dataType);
            }
        };
    }

    private Sample prepare(int index, int epoch) {
        Sample s = samples.get(index);
        if (transforms == null) {
            return s;
        }
        long base = seed == null ? 0 : seed;
        Random rng = new Random(Seeds.mix(base, epoch, index));
        return transforms.apply(s, rng, augment);
    }
}
