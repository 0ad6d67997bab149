package org.xai4j.constraint;

import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;

/** A single point at the images themselves, {@code x' = x}, with multiplier M (Gradient: 1, Input x Gradient: x). */
final class AtInput implements PointSet {
    private final INDArray images;
    private final INDArray multiplier;

    AtInput(INDArray images, INDArray multiplier) {
        this.images = images;
        this.multiplier = multiplier;
    }

    INDArray multiplier() {
        return multiplier;
    }

    @Override
    public INDArray images() {
        return images;
    }

    @Override
    public int size() {
        return 1;
    }

    @Override
    public AttributionPoint point(int j) {
        Objects.checkIndex(j, 1);
        return new AttributionPoint(images, multiplier.dup());
    }
}
