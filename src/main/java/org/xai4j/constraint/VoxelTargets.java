package org.xai4j.constraint;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.conditions.Conditions;
import org.xai4j.data.Batch;

/**
 * Voxel-wise target maps of the constraint for a batch: N x 1 x H x W, a value in [0, 1] per voxel (0: must not
 * push towards "pathological") or NaN for unconstrained voxels, as in the target maps of Wargnier-Dauchelle et al.
 * (IEEE TMI 2023). Images without any constrained voxel are left out of the term.
 */
@FunctionalInterface
public interface VoxelTargets {
    /** The targets of every image of {@code batch} (data type DOUBLE or the batch's). */
    INDArray of(Batch batch);

    /**
     * The paper's targets: healthy images (every label {@code <= 0.5}) get 0 on every voxel of the region,
     * pathological images are unconstrained.
     */
    static VoxelTargets healthy(ConstraintOptions.Region region) {
        return batch -> {
            INDArray x = batch.features();
            int n = (int) x.size(0);
            INDArray t = Nd4j.zeros(DataType.DOUBLE, n, 1, x.size(2), x.size(3));
            if (region == ConstraintOptions.Region.BRAIN) {
                if (batch.brainMasks() == null) {
                    throw new IllegalArgumentException("region: 'brain' needs a brain mask for every image (the "
                            + "synthetic data have one; a CSV manifest needs a brain mask column), use 'image'");
                }
                t.assign(batch.brainMasks().castTo(DataType.DOUBLE));
                BooleanIndexing.replaceWhere(t, Double.NaN, Conditions.lessThanOrEqual(0.5));
                BooleanIndexing.replaceWhere(t, 0.0, Conditions.greaterThan(0.5));
            }
            INDArray labels = batch.labels();
            for (int i = 0; i < n; i++) {
                if (labels.getRow(i).maxNumber().doubleValue() > 0.5) {
                    t.slice(i).assign(Double.NaN);
                }
            }
            return t;
        };
    }
}
