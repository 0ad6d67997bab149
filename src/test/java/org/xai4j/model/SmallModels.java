package org.xai4j.model;

import java.util.Collections;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;

/** Tiny variants of registered architectures for fast tests: width 1/8, one block per stage. */
final class SmallModels {
    static final InputShape SHAPE = new InputShape(1, 32, 32);
    static final int OUTPUTS = 2;

    private SmallModels() {
    }

    static ModelOptions options(String architecture) {
        List<Integer> reference = ModelRegistry.builder(architecture).referenceBlocks();
        List<Integer> blocks = reference.isEmpty() ? null : Collections.nCopies(reference.size(), 1);
        return new ModelOptions(architecture, 0.125, blocks, 0.0);
    }

    static Classifier classifier(String architecture, DataType dataType) {
        return Classifier.build(options(architecture), SHAPE, OUTPUTS, 42, dataType);
    }

    static int stages(String architecture) {
        int n = ModelRegistry.builder(architecture).referenceBlocks().size();
        return n == 0 ? 4 : n;
    }
}
