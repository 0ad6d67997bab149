package org.xai4j.faithfulness.axioms;

import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * One generated sample of a scenario: the background and patches of the step at which it stopped, so any composition
 * can be rebuilt and checked against the model directly.
 *
 * @param scenario   null, single, double or saturation
 * @param background 1 x C x H x W, in the model's input space (double)
 * @param patches    per placed patch (in {@link PatchScenario#scored()} order) its pixels, C x p x p (double)
 * @param positions  where each of them sits
 * @param held       whether every condition of the scenario held
 * @param iterations steps until it held (or the maximum)
 * @param targets    the sigmoids of the driven outputs at the stop
 * @param changes    the relative changes that had to stay small
 */
public record SyntheticSample(String scenario, INDArray background, List<INDArray> patches,
                              List<PatchPosition> positions, boolean held, int iterations, double[] targets,
                              double[] changes) {
    /** The background with the placed patches {@code indices} pasted on it (1 x C x H x W, double). */
    public INDArray compose(int... indices) {
        INDArray image = background.dup();
        for (int i : indices) {
            paste(image, patches.get(i), positions.get(i));
        }
        return image;
    }

    /** The image that is explained: every placed patch. */
    public INDArray image() {
        int[] all = new int[patches.size()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        return compose(all);
    }

    static void paste(INDArray image, INDArray patch, PatchPosition p) {
        image.get(NDArrayIndex.point(0), NDArrayIndex.all(), NDArrayIndex.interval(p.row(), p.row() + p.size()),
                NDArrayIndex.interval(p.col(), p.col() + p.size())).assign(patch.castTo(DataType.DOUBLE));
    }
}
