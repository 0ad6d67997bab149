package org.xai4j.bench;

import org.xai4j.model.InputShape;
import org.xai4j.model.ModelOptions;

/**
 * One network to time: architecture and size, image shape and batch size.
 *
 * @param label name in the tables (the architecture, or a suite's name for it)
 * @param model architecture, width and depth
 * @param shape one input image
 * @param batch images per step
 */
public record BenchCase(String label, ModelOptions model, InputShape shape, int batch) {
    public BenchCase {
        if (label == null || label.isBlank()) {
            throw new IllegalArgumentException("bench case needs a label");
        }
        if (shape.height() < 16 || shape.width() < 16 || batch < 1) {
            throw new IllegalArgumentException("bench: image side >= 16 and batch >= 1 are required, got "
                    + shape + " batch " + batch);
        }
    }

    /** {@code "resnet18"} at reference depth, else e.g. {@code "1,1,1,1"}. */
    public String blocksText() {
        return model.blocks() == null ? "reference" : String.join(",", model.blocks().stream().map(String::valueOf)
                .toList());
    }
}
