package org.xai4j.step;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.xai4j.data.SampleSet;

/**
 * The registry of extra loss terms by name, for the {@code train.terms} list: each entry names a registered term
 * and gives its weight, warm-up and options ({@link LossTermOptions}); the run adds them to the classification loss
 * in a {@link CompositeStep}, next to the attribution constraint when {@code train.constraint} is on. None is built
 * in; the extension recipe is one class implementing {@link LossTerm} and one {@link #register} call.
 */
public final class LossTerms {
    /**
     * What a term's factory gets.
     *
     * @param data            the run's data set
     * @param options         the entry's {@code options} map (the factory checks it and names bad keys)
     * @param seed            the run's seed
     * @param batchesPerEpoch updates per epoch
     */
    public record Context(SampleSet data, Map<String, Object> options, long seed, int batchesPerEpoch) {
        public Context {
            options = options == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(options));
        }
    }

    private static final Map<String, Function<Context, LossTerm>> TERMS = new LinkedHashMap<>();

    private LossTerms() {
    }

    /** Registers (or replaces) the term {@code name}. */
    public static synchronized void register(String name, Function<Context, LossTerm> factory) {
        if (name == null || !name.matches("[a-z0-9][a-z0-9_-]*")) {
            throw new IllegalArgumentException("loss term names use lower-case letters, digits, '_' and '-', got "
                    + name);
        }
        TERMS.put(name, factory);
    }

    /** {@code name}, checked; an unknown one raises an IllegalArgumentException listing the registered terms. */
    public static synchronized String requireKnown(String name) {
        if (name == null || !TERMS.containsKey(name.trim())) {
            throw new IllegalArgumentException("name: unknown loss term '" + name + "' (registered: "
                    + (TERMS.isEmpty() ? "none; LossTerms.register adds one" : String.join(", ", TERMS.keySet()))
                    + ")");
        }
        return name.trim();
    }

    /** The term {@code name} built for a run. */
    public static synchronized LossTerm create(String name, Context context) {
        return TERMS.get(requireKnown(name)).apply(context);
    }

    /** The registered names, in registration order. */
    public static synchronized Set<String> names() {
        return Collections.unmodifiableSet(new LinkedHashSet<>(TERMS.keySet()));
    }
}
