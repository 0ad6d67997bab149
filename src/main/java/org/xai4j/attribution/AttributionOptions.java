package org.xai4j.attribution;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The settings of the methods the {@link Attributions} registry builds, keyed by method name: each method owns its
 * options record (registered with it, e.g. {@link IntegratedGradients.Options} for {@code ig}) and a method without
 * settings here gets its registered defaults. The {@link ReferenceImages} (the training data of the explained model,
 * set by the commands that open a run) go to the methods whose definition needs the data distribution. Immutable;
 * {@link #with}, {@link #withAll} and {@link #withReference} return copies.
 */
public final class AttributionOptions {
    private final Map<String, Object> byMethod;
    private final ReferenceImages reference;

    private AttributionOptions(Map<String, Object> byMethod, ReferenceImages reference) {
        this.byMethod = Map.copyOf(byMethod);
        this.reference = reference;
    }

    /** Every method with its registered defaults, no reference images. */
    public static AttributionOptions defaults() {
        return new AttributionOptions(Map.of(), null);
    }

    /** A copy with these reference images (null: none). */
    public AttributionOptions withReference(ReferenceImages images) {
        return new AttributionOptions(byMethod, images);
    }

    /** The reference images, if any were given. */
    public Optional<ReferenceImages> reference() {
        return Optional.ofNullable(reference);
    }

    /**
     * The options of method {@code name}: those set here, else its registered defaults.
     *
     * @throws IllegalArgumentException when {@code name} is not registered or its options are not a {@code type}
     */
    public <T> T of(String name, Class<T> type) {
        Class<?> registered = Attributions.optionsType(name);
        if (registered != type) {
            throw new IllegalArgumentException(name + ": its options are " + registered.getSimpleName() + ", not "
                    + type.getSimpleName());
        }
        Object set = byMethod.get(name);
        return type.cast(set != null ? set : Attributions.defaultOptions(name));
    }

    /** A copy in which method {@code name} has {@code options} (of the type it was registered with). */
    public AttributionOptions with(String name, Object options) {
        Class<?> registered = Attributions.optionsType(name);
        if (!registered.isInstance(options)) {
            throw new IllegalArgumentException(name + ": expected options of type " + registered.getSimpleName()
                    + ", got " + (options == null ? "null" : options.getClass().getSimpleName()));
        }
        Map<String, Object> copy = new LinkedHashMap<>(byMethod);
        copy.put(name, options);
        return new AttributionOptions(copy, reference);
    }

    /**
     * A copy in which every registered method whose options are a {@code type} has {@code options} (the three noise
     * tunnels share {@link NoiseTunnel.Options}, the CAM family {@link ClassActivationMap.Options}).
     */
    public <T> AttributionOptions withAll(Class<T> type, T options) {
        AttributionOptions out = this;
        for (String name : Attributions.namesWithOptions(type)) {
            out = out.with(name, options);
        }
        return out;
    }
}
