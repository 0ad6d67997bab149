package org.xai4j.adversarial;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A batch of images as N x D rows (the layout of {@link ThreatModel}) and back.
 *
 * @param x0    the clean batch, N x D, an owned copy in the model's data type
 * @param shape the image batch shape, N x C x H x W
 */
record Flat(INDArray x0, long[] shape) {
    static Flat of(INDArray x, DataType dataType) {
        long n = x.size(0);
        INDArray rows = x.castTo(dataType).dup('c').reshape('c', n, x.length() / n);
        return new Flat(rows, x.shape().clone());
    }

    /** Rows (N x D, a new c-order array) of an image-shaped array. */
    INDArray rows(INDArray images) {
        return images.dup('c').reshape('c', shape[0], images.length() / shape[0]);
    }

    /** The image-shaped (N x C x H x W) copy of N x D rows. */
    INDArray image(INDArray rows) {
        return rows.dup('c').reshape('c', shape);
    }
}
