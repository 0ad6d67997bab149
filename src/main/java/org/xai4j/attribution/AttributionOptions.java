package org.xai4j.attribution;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The settings of the methods the {@link Attributions} registry builds, keyed by method name: each method owns its
 * options record (registered with it, e.g. {@link IntegratedGradients.Options} for {@code ig}) and a method without
 * settings here gets its registered defaults. Immutable; {@link #with} and {@link #withAll} return copies.
 */
public final class AttributionOptions {
    private final Map<String, Object> byMethod;

    private AttributionOptions(Map<String, Object> byMethod) {
        this.byMethod = Map.copyOf(byMethod);
    }

    /** Every method with its registered defaults. */
    public static AttributionOptions defaults() {
        return new AttributionOptions(Map.of());
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
        return new AttributionOptions(copy);
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
