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
    private final int prefetch;

    /** One daemon thread for every iterator's prefetching: reading and augmenting is cheap next to training. */
    private static final java.util.concurrent.ExecutorService PREFETCHER =
            java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "xai4j-prefetch");
                t.setDaemon(true);
                return t;
            });

    private BatchIterator(List<Sample> samples, int batchSize, Long seed, Transforms transforms, boolean augment,
                          DataType dataType, int prefetch) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize: must be >= 1, got " + batchSize);
        }
        this.samples = List.copyOf(samples);
        this.batchSize = batchSize;
        this.seed = seed;
        this.transforms = transforms;
        this.augment = augment;
        this.dataType = dataType;
        this.prefetch = prefetch;
    }

    /** Batches of {@code batchSize} in list order, no transforms, FLOAT. */
    public static BatchIterator of(List<Sample> samples, int batchSize) {
        return new BatchIterator(samples, batchSize, null, null, false, DataType.FLOAT, 0);
    }

    /** A copy that shuffles every epoch from {@code seed} (and seeds augmentation). */
    public BatchIterator withShuffle(long shuffleSeed) {
        return new BatchIterator(samples, batchSize, shuffleSeed, transforms, augment, dataType, prefetch);
    }

    /** A copy that normalises with {@code t} and, when {@code augmentBatches}, augments first. */
    public BatchIterator withTransforms(Transforms t, boolean augmentBatches) {
        return new BatchIterator(samples, batchSize, seed, t, augmentBatches, dataType, prefetch);
    }

    /** A copy producing arrays of {@code type}. */
    public BatchIterator withDataType(DataType type) {
        return new BatchIterator(samples, batchSize, seed, transforms, augment, type, prefetch);
    }

    /**
     * A copy that prepares up to {@code batches} batches ahead on a background thread (their samples read from where
     * they are stored and augmented), overlapping the input pipeline with training; the arrays are still made on the
     * caller's thread. Every batch is the same as without prefetching. 0 turns it off.
     */
    public BatchIterator withPrefetch(int batches) {
        if (batches < 0) {
            throw new IllegalArgumentException("prefetch: must be >= 0, got " + batches);
        }
        return new BatchIterator(samples, batchSize, seed, transforms, augment, dataType, batches);
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

    /** The batches of {@code epoch} (0-based), produced lazily (and prefetched when asked). */
    public Iterable<Batch> epoch(int epoch) {
        List<Integer> order = order(epoch);
        return () -> new Iterator<>() {
            private int next;
            private final java.util.ArrayDeque<java.util.concurrent.Future<List<Sample>>> ahead =
                    new java.util.ArrayDeque<>();

            @Override
            public boolean hasNext() {
                return next < order.size() || !ahead.isEmpty();
            }

            @Override
            public Batch next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                if (prefetch == 0) {
                    return Batches.of(prepareNext(), dataType);
                }
                while (ahead.size() < prefetch + 1 && next < order.size()) {
                    int first = next;
                    next = Math.min(order.size(), next + batchSize);
                    int end = next;
                    ahead.add(PREFETCHER.submit(() -> prepare(order, first, end, epoch)));
                }
                return Batches.of(take(ahead.poll()), dataType);
            }

            private List<Sample> prepareNext() {
                int first = next;
                next = Math.min(order.size(), next + batchSize);
                return prepare(order, first, next, epoch);
            }
        };
    }

    private static List<Sample> take(java.util.concurrent.Future<List<Sample>> batch) {
        try {
            return batch.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a prefetched batch", e);
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        }
    }

    private List<Sample> prepare(List<Integer> order, int first, int end, int epoch) {
        List<Sample> batch = new ArrayList<>(end - first);
        for (int j = first; j < end; j++) {
            batch.add(prepare(order.get(j), epoch));
        }
        return batch;
    }

    private Sample prepare(int index, int epoch) {
        Sample s = samples.get(index);
        if (transforms != null) {
            long base = seed == null ? 0 : seed;
            s = transforms.apply(s, new Random(Seeds.mix(base, epoch, index)), augment);
        }
        return s.stored() == null ? s : withPixels(s);
    }

    /** {@code s} with its stored pixels read into memory (on the prefetching thread, when there is one). */
    private static Sample withPixels(Sample s) {
        return new Sample(s.id(), s.pixels(), s.channels(), s.depth(), s.height(), s.width(), s.labels(),
                s.lesionMask(), s.masks(), s.boxes(), s.split());
    }
}
