package org.xai4j.data;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A mini-batch ready for the network.
 *
 * @param features    N x C x H x W
 * @param labels      N x K
 * @param lesionMasks N x 1 x H x W, or null when the source has no masks
 * @param ids         sample ids, in batch order
 * @param brainMasks  N x 1 x H x W brain (or body) masks, or null when not every sample has a {@code brain} mask
 */
public record Batch(INDArray features, INDArray labels, INDArray lesionMasks, List<String> ids, INDArray brainMasks) {
    /** A batch without brain masks. */
    public Batch(INDArray features, INDArray labels, INDArray lesionMasks, List<String> ids) {
        this(features, labels, lesionMasks, ids, null);
    }

    public int size() {
        return (int) features.size(0);
    }
}
