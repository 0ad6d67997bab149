package org.xai4j.constraint;

import java.util.Objects;
import java.util.function.IntFunction;
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

    /**
     * A point set whose point {@code j} is {@code point.apply(j)}, with the index checked first.
     *
     * @param images the images being explained
     * @param size   number of points
     * @param point  builds point j in [0, size), freshly allocated
     */
    static PointSet of(INDArray images, int size, IntFunction<AttributionPoint> point) {
        return new PointSet() {
            @Override
            public INDArray images() {
                return images;
            }

            @Override
            public int size() {
                return size;
            }

            @Override
            public AttributionPoint point(int j) {
                Objects.checkIndex(j, size);
                return point.apply(j);
            }
        };
    }
}
