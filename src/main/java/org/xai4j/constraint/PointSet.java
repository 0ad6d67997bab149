package org.xai4j.constraint;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The points {@code (x'_j, M_j)} of one attribution of a sub-batch, made on demand so that memory stays O(batch)
 * whatever their number: {@link #point(int)} recomputes a point from the few numbers drawn when the set was made,
 * and returns the same values every time it is called.
 */
public interface PointSet {
    /** The images being explained, N x C x H x W (not modified). */
    INDArray images();

    /** Number of points. */
    int size();

    /** Point j in [0, size()), freshly allocated. */
    AttributionPoint point(int j);
}
