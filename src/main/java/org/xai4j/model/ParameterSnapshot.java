package org.xai4j.model;

import java.util.List;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A copy of some of a graph's parameters that is written back on {@link #close()} (try-with-resources, as Zennit
 * undoes every change to a model). Made by {@link ModelAdapter#snapshot()} (all parameters) or
 * {@link ModelAdapter#snapshotRunningStatistics()} (only BatchNorm running mean/variance, so that an optimiser step
 * taken inside the block is kept while the running statistics are restored: DESIGN.md decision 5). Restoring is
 * bit-exact.
 */
public final class ParameterSnapshot implements AutoCloseable {
    private final INDArray params;
    private final List<long[]> ranges;
    private final INDArray[] saved;

    /**
     * @param params the live flattened parameter vector (a view, written back on restore)
     * @param ranges {offset, length} ranges of {@code params} to save
     */
    ParameterSnapshot(INDArray params, List<long[]> ranges) {
        this.params = params;
        this.ranges = List.copyOf(ranges);
        this.saved = new INDArray[this.ranges.size()];
        for (int i = 0; i < saved.length; i++) {
            saved[i] = slice(this.ranges.get(i)).dup();
        }
    }

    /** Writes the saved values back; may be called more than once. */
    public void restore() {
        for (int i = 0; i < saved.length; i++) {
            slice(ranges.get(i)).assign(saved[i]);
        }
    }

    /** Number of parameters saved. */
    public long size() {
        long n = 0;
        for (long[] r : ranges) {
            n += r[1];
        }
        return n;
    }

    @Override
    public void close() {
        restore();
    }

    private INDArray slice(long[] r) {
        return params.get(NDArrayIndex.interval(r[0], r[0] + r[1]));
    }
}
