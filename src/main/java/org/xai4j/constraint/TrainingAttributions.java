package org.xai4j.constraint;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.xai4j.attribution.Attributions;

/**
 * The registry of attributions the constraint can train through ({@code train.constraint.attribution} and
 * {@code methods}), by the same names as the post-hoc {@link Attributions} registry: {@code grad}, {@code ixg},
 * {@code eg} and {@code ig} (their settings are the constraint's {@code references}, {@code zeroReference} and
 * {@code steps}). A method linear in input gradients ({@link TrainingAttribution}: it only says where the gradients
 * are taken and with which multipliers) is registered once here and is then available to both: to the constraint,
 * and, when {@link Attributions} has no method of that name yet, to {@code explain}, {@code segment} and the
 * experiments as {@code sum_j M_j * g(x'_j)} in inference mode ({@link PointsAttribution}).
 */
public final class TrainingAttributions {
    /** Not a method: the constraint's mixture of {@code methods}. */
    public static final String COMBINATION = "combination";

    private static final Map<String, Function<ConstraintOptions, TrainingAttribution>> METHODS = new LinkedHashMap<>();

    static {
        METHODS.put("grad", o -> new GradientAttribution());
        METHODS.put("ixg", o -> new InputXGradientAttribution());
        METHODS.put("eg", o -> new ExpectedGradientsAttribution(o.references(), o.zeroReference()));
        METHODS.put("ig", o -> new IntegratedGradientsAttribution(o.steps()));
    }

    private TrainingAttributions() {
    }

    /**
     * Registers (or replaces) the trainable method {@code name} (the extension recipe: one class implementing
     * {@link TrainingAttribution}, one call of this); its factory gets the constraint's options. Also registers its
     * post-hoc form under the same name unless {@link Attributions} already has one.
     */
    public static synchronized void register(String name, Function<ConstraintOptions, TrainingAttribution> factory) {
        if (name == null || !name.matches("[a-z0-9][a-z0-9_-]*") || name.equals(COMBINATION)) {
            throw new IllegalArgumentException("trainable attribution names use lower-case letters, digits, '_' and "
                    + "'-' and are not 'combination', got " + name);
        }
        METHODS.put(name, factory);
        if (!Attributions.names().contains(name)) {
            Attributions.register(name, adapter -> new PointsAttribution(adapter,
                    factory.apply(ConstraintOptions.defaults())));
        }
    }

    /** The trainable method {@code name} with the constraint's settings. */
    public static synchronized TrainingAttribution create(String name, ConstraintOptions options) {
        requireKnown(name, "attribution");
        return METHODS.get(name).apply(options);
    }

    /** Checks a name; an unknown one raises an IllegalArgumentException starting with {@code key}, listing the names. */
    public static synchronized void requireKnown(String name, String key) {
        if (!METHODS.containsKey(name)) {
            throw new IllegalArgumentException(key + ": unknown trainable attribution '" + name + "' (allowed: "
                    + String.join(", ", METHODS.keySet()) + (key.equals("attribution") ? ", " + COMBINATION : "")
                    + "; a method registered only for explain cannot be trained through: the constraint needs it "
                    + "linear in input gradients, see TrainingAttributions)");
        }
    }

    /** The registered names, in registration order. */
    public static synchronized Set<String> names() {
        return Collections.unmodifiableSet(new LinkedHashSet<>(METHODS.keySet()));
    }
}
