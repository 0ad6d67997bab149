package org.xai4j.model;

import java.util.Map;
import java.util.TreeMap;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The one registry of network architectures (timm-style): every name maps to a builder, and every
 * registered model gets the same contract tests.
 */
public final class ModelRegistry {
    private static final Map<String, ModelBuilder> BUILDERS = new TreeMap<>();

    private ModelRegistry() {
    }

    /** Names accepted by {@code model.architecture}. */
    public static java.util.Set<String> architectures() {
        return java.util.Collections.unmodifiableSet(BUILDERS.keySet());
    }

    public static BuiltModel build(ModelOptions options, InputShape shape, int numOutputs, long seed, DataType dataType) {
        ModelBuilder b = BUILDERS.get(options.architecture());
        if (b == null) {
            throw new IllegalArgumentException("model.architecture: unknown architecture '" + options.architecture()
                    + "' (allowed: " + String.join(", ", BUILDERS.keySet()) + ")");
        }
        return b.build(options, shape, numOutputs, seed, dataType);
    }
}
