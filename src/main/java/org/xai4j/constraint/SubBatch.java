package org.xai4j.constraint;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The constrained images of a batch.
 *
 * @param images  the constrained images, N_h x C x H x W (a copy)
 * @param rows    their row indices in the batch
 * @param batch   every image of the batch (references of Expected Gradients are drawn from it)
 * @param targets N_h x 1 x H x W voxel targets, NaN = unconstrained
 */
public record SubBatch(INDArray images, int[] rows, INDArray batch, INDArray targets) {
    public int size() {
        return rows.length;
    }
}
