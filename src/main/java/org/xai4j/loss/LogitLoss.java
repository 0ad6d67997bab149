package org.xai4j.loss;

import org.nd4j.linalg.api.ndarray.INDArray;

/** A loss computed from the network's logits and the labels only. */
public interface LogitLoss {
    /** Short name used as the column of the metrics CSV (e.g. {@code bce}). */
    String name();

    /**
     * @param logits N x K network outputs
     * @param labels N x K targets
     */
    LossValue compute(INDArray logits, INDArray labels);
}
