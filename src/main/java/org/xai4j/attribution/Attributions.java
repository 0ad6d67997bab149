package org.xai4j.attribution;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.xai4j.model.ModelAdapter;

/**
 * The registry of attribution methods by name (the names used on the command line, in CSV columns and figures),
 * each with the options record it owns and that record's defaults: {@link #create(String, ModelAdapter)} builds a
 * method with its defaults, {@link #create(String, ModelAdapter, AttributionOptions)} with given settings.
 *
 * <p>Names: {@code grad}, {@code ixg}, {@code ig}, {@code eg}, {@code smoothgrad}, {@code smoothgrad_sq},
 * {@code vargrad} (noise tunnel around the gradient), {@code gradcam}, {@code gradcampp}, {@code cam},
 * {@code occlusion}, {@code guidedbackprop}, {@code unit-ig} (Integrated Gradients over a tap's units), {@code iba},
 * {@code inverse-iba}, {@code regression-iba} and {@code multilayer-iba} (information bottlenecks, which take their
 * statistics from the {@link AttributionOptions#reference() reference images}), {@code lrp}, {@code lrp-epsilon},
 * {@code lrp-epsilon-plus-flat} and {@code lrp-alpha2-beta1} (layer-wise relevance propagation composites),
 * {@code pathwaygrad} and {@code pathwaygrad-ig} (the gradient through a critical pathway). A noise tunnel around any other method is named
 * {@code <variant>:<method>}, e.g. {@code smoothgrad:ig} or {@code vargrad:guidedbackprop} (with the tunnel's
 * options and the inner method's own).
 */
public final class Attributions {
    /** The options type of a method without settings. */
    public record NoOptions() {
    }

    /** Builds a method from its options and the reference images (null when none were given). */
    @FunctionalInterface
    public interface Factory<O> {
        Attribution create(ModelAdapter adapter, O options, ReferenceImages reference);
    }

    private record Method<O>(Class<O> type, O defaults, BiFunction<ModelAdapter, AttributionOptions, Attribution> build) {
    }

    private static final Map<String, Method<?>> METHODS = new LinkedHashMap<>();
    private static final Map<String, NoiseTunnel.Variant> TUNNELS = new LinkedHashMap<>();

    static {
        put("grad", Gradient::new);
        put("ixg", InputXGradient::new);
        put("ig", IntegratedGradients.Options.class, IntegratedGradients.Options.defaults(), IntegratedGradients::new);
        put("eg", ExpectedGradients.Options.class, ExpectedGradients.Options.defaults(), ExpectedGradients::new);
        for (NoiseTunnel.Variant v : NoiseTunnel.Variant.values()) {
            TUNNELS.put(v.label(), v);
            put(v.label(), NoiseTunnel.Options.class, NoiseTunnel.Options.defaults(),
                    (a, o) -> new NoiseTunnel(new Gradient(a), v, o));
        }
        ClassActivationMap.Options lastConv = ClassActivationMap.Options.defaults();
        put("gradcam", ClassActivationMap.Options.class, lastConv, (a, o) -> new GradCam(a, o.tap()));
        put("gradcampp", ClassActivationMap.Options.class, lastConv, (a, o) -> new GradCamPlusPlus(a, o.tap()));
        put("cam", ClassActivationMap.Options.class, lastConv, (a, o) -> new Cam(a, o.tap()));
        put("occlusion", Occlusion.Options.class, Occlusion.Options.defaults(), Occlusion::new);
        put("guidedbackprop", GuidedBackprop::new);
        put("unit-ig", UnitIntegratedGradients.Options.class, UnitIntegratedGradients.Options.defaults(),
                UnitIntegratedGradients::new);
        for (InformationBottleneck.Variant v : InformationBottleneck.Variant.values()) {
            putWithReference(v.label(), InformationBottleneck.Options.class,
                    v == InformationBottleneck.Variant.REGRESSION
                            ? InformationBottleneck.Options.withLoss(BottleneckLoss.SQUARED_CHANGE)
                            : InformationBottleneck.Options.defaults(),
                    (a, o, r) -> new InformationBottleneck(a, v, o, r));
        }
        put("lrp", Lrp.Options.class, Lrp.Options.defaults(), (a, o) -> new Lrp("lrp", a, o));
        put("lrp-epsilon", Lrp.Options.class, Lrp.Options.of(LrpRule.EPSILON, LrpRule.EPSILON, LrpRule.EPSILON),
                (a, o) -> new Lrp("lrp-epsilon", a, o));
        put("lrp-epsilon-plus-flat", Lrp.Options.class, Lrp.Options.of(LrpRule.FLAT, LrpRule.ZPLUS, LrpRule.EPSILON),
                (a, o) -> new Lrp("lrp-epsilon-plus-flat", a, o));
        put("lrp-alpha2-beta1", Lrp.Options.class, Lrp.Options.of(LrpRule.FLAT, LrpRule.ALPHA_BETA, LrpRule.EPSILON),
                (a, o) -> new Lrp("lrp-alpha2-beta1", a, o));
        put("pathwaygrad", PathwayGrad.Options.class, PathwayGrad.Options.defaults(),
                (a, o) -> new PathwayGrad("pathwaygrad", a, PathwayGrad.Contribution.MCT, o));
        put("pathwaygrad-ig", PathwayGrad.Options.class, PathwayGrad.Options.defaults(),
                (a, o) -> new PathwayGrad("pathwaygrad-ig", a, PathwayGrad.Contribution.INTGRAD, o));
        putWithReference("multilayer-iba", MultiLayerIba.Options.class, MultiLayerIba.Options.defaults(),
                MultiLayerIba::new);
    }

    private Attributions() {
    }

    private static <O> void put(String name, Class<O> type, O defaults, BiFunction<ModelAdapter, O, Attribution> f) {
        METHODS.put(name, new Method<>(type, defaults, (a, all) -> f.apply(a, all.of(name, type))));
    }

    private static <O> void putWithReference(String name, Class<O> type, O defaults, Factory<O> f) {
        METHODS.put(name, new Method<>(type, defaults, (a, all) -> f.create(a, all.of(name, type),
                all.reference().orElse(null))));
    }

    private static void put(String name, Function<ModelAdapter, Attribution> f) {
        METHODS.put(name, new Method<>(NoOptions.class, new NoOptions(), (a, all) -> f.apply(a)));
    }

    /**
     * Registers (or replaces) the method {@code name} with the options record it owns (the extension recipe: one
     * class implementing {@link Attribution}, its options record, one call of this): every command that takes
     * method names ({@code explain}, {@code segment}, the experiments) then accepts it, its settings come from an
     * {@link AttributionOptions} (and {@code --method-options} files) by name, and the noise tunnels wrap it
     * ({@code smoothgrad:<name>}).
     */
    public static synchronized <O> void register(String name, Class<O> optionsType, O defaults,
                                                 BiFunction<ModelAdapter, O, Attribution> factory) {
        requireRegistrable(name, optionsType, defaults);
        put(name, optionsType, defaults, factory);
    }

    /**
     * Registers (or replaces) a method whose construction also takes the {@link ReferenceImages} of the explained
     * model's data (null when the caller gave none), e.g. to estimate statistics of activations.
     */
    public static synchronized <O> void register(String name, Class<O> optionsType, O defaults, Factory<O> factory) {
        requireRegistrable(name, optionsType, defaults);
        putWithReference(name, optionsType, defaults, factory);
    }

    /** Registers (or replaces) a method without settings. */
    public static synchronized void register(String name, Function<ModelAdapter, Attribution> factory) {
        requireFreeName(name);
        put(name, factory);
    }

    private static void requireRegistrable(String name, Class<?> optionsType, Object defaults) {
        requireFreeName(name);
        if (!optionsType.isInstance(defaults)) {
            throw new IllegalArgumentException(name + ": the defaults must be a " + optionsType.getSimpleName());
        }
    }

    private static void requireFreeName(String name) {
        if (name == null || !name.matches("[a-z0-9][a-z0-9_-]*") || TUNNELS.containsKey(name)) {
            throw new IllegalArgumentException("attribution names use lower-case letters, digits, '_' and '-' and "
                    + "are not a noise tunnel's, got " + name);
        }
    }

    /** A method with default settings; an unknown name raises an IllegalArgumentException listing the names. */
    public static Attribution create(String name, ModelAdapter adapter) {
        return create(name, adapter, AttributionOptions.defaults());
    }

    /** A method with the given settings. */
    public static synchronized Attribution create(String name, ModelAdapter adapter, AttributionOptions options) {
        String n = name == null ? "" : name.trim();
        int colon = n.indexOf(':');
        if (colon > 0 && TUNNELS.containsKey(n.substring(0, colon))) {
            String innerName = n.substring(colon + 1);
            if (innerName.contains(":")) {
                throw unknown(name);
            }
            String tunnel = n.substring(0, colon);
            return new NoiseTunnel(create(innerName, adapter, options), TUNNELS.get(tunnel),
                    options.of(tunnel, NoiseTunnel.Options.class));
        }
        return method(n).build().apply(adapter, options);
    }

    /** Checks a name without building anything (an unknown name raises the same exception as {@link #create}). */
    public static synchronized void requireKnown(String name) {
        String n = name == null ? "" : name.trim();
        int colon = n.indexOf(':');
        if (colon > 0 && TUNNELS.containsKey(n.substring(0, colon)) && !n.substring(colon + 1).contains(":")) {
            requireKnown(n.substring(colon + 1));
        } else {
            method(n);
        }
    }

    /** {@link #requireKnown} for every name, the message prefixed by the command-line {@code flag}. */
    public static void requireKnown(String flag, java.util.List<String> names) {
        for (String m : names) {
            try {
                requireKnown(m);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(flag + ": " + e.getMessage(), e);
            }
        }
    }

    /** The options record type method {@code name} was registered with ({@link NoOptions} for none). */
    public static synchronized Class<?> optionsType(String name) {
        return method(name).type();
    }

    /** The registered defaults of method {@code name}. */
    public static synchronized Object defaultOptions(String name) {
        return method(name).defaults();
    }

    /** The registered names whose options are a {@code type}, in registration order. */
    public static synchronized List<String> namesWithOptions(Class<?> type) {
        return METHODS.entrySet().stream().filter(e -> e.getValue().type() == type).map(Map.Entry::getKey).toList();
    }

    /** The registered names, in registration order (wrappers {@code <variant>:<method>} come on top). */
    public static synchronized Set<String> names() {
        return Collections.unmodifiableSet(new java.util.LinkedHashSet<>(METHODS.keySet()));
    }

    private static Method<?> method(String name) {
        Method<?> m = METHODS.get(name == null ? "" : name.trim());
        if (m == null) {
            throw unknown(name);
        }
        return m;
    }

    private static IllegalArgumentException unknown(String name) {
        return new IllegalArgumentException("unknown attribution method '" + name + "' (allowed: "
                + String.join(", ", METHODS.keySet()) + "; or " + String.join("|", TUNNELS.keySet())
                + ":<method>, e.g. smoothgrad:ig)");
    }
}
