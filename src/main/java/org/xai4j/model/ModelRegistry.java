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

    static {
        register("resnet18", ResNetBuilder.resnet18());
        register("resnet34", ResNetBuilder.resnet34());
        register("resnet50", ResNetBuilder.resnet50());
        // He et al.'s CIFAR ResNet (16/32/64 planes, stride-1 3x3 stem): issue 6's "small ResNet"; blocks [n,n,n]
        // give ResNet-(6n+2), default [1,1,1]
        register("resnet-cifar", ResNetBuilder.cifar());
        register("densenet121", DenseNetBuilder.densenet121());
        register("densenet121-truncated", DenseNetBuilder.densenet121Truncated());
        register("vgg11", VggBuilder.vgg11(false));
        register("vgg11-bn", VggBuilder.vgg11(true));
        register("vgg16", VggBuilder.vgg16(false));
        register("vgg16-bn", VggBuilder.vgg16(true));
        register("patch", new PatchClassifierBuilder());
    }

    private ModelRegistry() {
    }

    /** Adds (or replaces) an architecture. */
    public static synchronized void register(String name, ModelBuilder builder) {
        BUILDERS.put(name, builder);
    }

    /** The builder of a registered architecture. */
    public static ModelBuilder builder(String architecture) {
        ModelBuilder b = BUILDERS.get(architecture);
        if (b == null) {
            throw new IllegalArgumentException("model.architecture: unknown architecture '" + architecture
                    + "' (allowed: " + String.join(", ", BUILDERS.keySet()) + ")");
        }
        return b;
    }

    /** Names accepted by {@code model.architecture}. */
    public static java.util.Set<String> architectures() {
        return java.util.Collections.unmodifiableSet(BUILDERS.keySet());
    }

    public static BuiltModel build(ModelOptions options, InputShape shape, int numOutputs, long seed, DataType dataType) {
        if (shape.isVolume()) {
            throw new IllegalArgumentException("model.architecture: " + options.architecture() + " is a 2-D model; "
                    + "the input is a volume (" + shape + ") and no 3-D model is registered yet");
        }
        return builder(options.architecture()).build(options, shape, numOutputs, seed, dataType);
    }
}
