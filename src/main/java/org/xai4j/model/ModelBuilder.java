package org.xai4j.model;

import org.nd4j.linalg.api.buffer.DataType;

/** Builds one family of networks (ResNet, DenseNet, VGG, patch classifier). */
public interface ModelBuilder {
    /**
     * @param options    architecture name and size knobs
     * @param shape      input image shape
     * @param numOutputs number of logits
     * @param seed       weight-initialisation seed
     * @param dataType   network data type (FLOAT for training, DOUBLE for gradient tests)
     */
    BuiltModel build(ModelOptions options, InputShape shape, int numOutputs, long seed, DataType dataType);

    /**
     * The reference depth per stage that {@link ModelOptions#blocks()} overrides (one entry per stage); empty when
     * the family has no configurable depth.
     */
    default java.util.List<Integer> referenceBlocks() {
        return java.util.List.of();
    }
}
