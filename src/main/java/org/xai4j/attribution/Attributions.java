package org.xai4j.attribution;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

import org.xai4j.model.ModelAdapter;

/**
 * The registry of attribution methods by name (the names used on the command line, in CSV columns and figures):
 * {@link #create(String, ModelAdapter)} builds a method with the defaults of {@link AttributionOptions#defaults()},
 * {@link #create(String, ModelAdapter, AttributionOptions)} with given settings.
 *
 * <p>Names: {@code grad}, {@code ixg}, {@code ig}, {@code eg}, {@code smoothgrad}, {@code smoothgrad_sq},
 * {@code vargrad} (noise tunnel around the gradient), {@code gradcam}, {@code gradcampp}, {@code cam},
 * {@code occlusion}, {@code guidedbackprop}. A noise tunnel around any other method is named
 * {@code <variant>:<method>}, e.g. {@code smoothgrad:ig} or {@code vargrad:guidedbackprop}.
 */
public final class Attributions {
    private static final Map<String, BiFunction<ModelAdapter, AttributionOptions, Attribution>> METHODS =
            new LinkedHashMap<>();
    private static final Map<String, NoiseTunnel.Variant> TUNNELS = new LinkedHashMap<>();

    static {
        METHODS.put("grad", (a, o) -> new Gradient(a));
        METHODS.put("ixg", (a, o) -> new InputXGradient(a));
        METHODS.put("ig", (a, o) -> new IntegratedGradients(a, o.ig()));
        METHODS.put("eg", (a, o) -> new ExpectedGradients(a, o.eg()));
        for (NoiseTunnel.Variant v : NoiseTunnel.Variant.values()) {
            TUNNELS.put(v.label(), v);
            METHODS.put(v.label(), (a, o) -> new NoiseTunnel(new Gradient(a), v, o.noise()));
        }
        METHODS.put("gradcam", (a, o) -> new GradCam(a, o.tap()));
        METHODS.put("gradcampp", (a, o) -> new GradCamPlusPlus(a, o.tap()));
        METHODS.put("cam", (a, o) -> new Cam(a, o.tap()));
        METHODS.put("occlusion", (a, o) -> new Occlusion(a, o.occlusion()));
        METHODS.put("guidedbackprop", (a, o) -> new GuidedBackprop(a));
    }

    private Attributions() {
    }

    /**
     * Registers (or replaces) the method {@code name} (the extension recipe: one class implementing
     * {@link Attribution}, one call of this): every command that takes method names ({@code explain},
     * {@code segment}, the experiments) then accepts it, and the noise tunnels wrap it ({@code smoothgrad:<name>}).
     */
    public static synchronized void register(String name,
                                             BiFunction<ModelAdapter, AttributionOptions, Attribution> factory) {
        if (name == null || !name.matches("[a-z0-9][a-z0-9_-]*") || TUNNELS.containsKey(name)) {
            throw new IllegalArgumentException("attribution names use lower-case letters, digits, '_' and '-' and "
                    + "are not a noise tunnel's, got " + name);
        }
        METHODS.put(name, factory);
    }

    /** A method with default settings; an unknown name raises an IllegalArgumentException listing the names. */
    public static Attribution create(String name, ModelAdapter adapter) {
        return create(name, adapter, AttributionOptions.defaults());
    }

    /** A method with the given settings. */
    public static Attribution create(String name, ModelAdapter adapter, AttributionOptions options) {
        String n = name == null ? "" : name.trim();
        int colon = n.indexOf(':');
        if (colon > 0 && TUNNELS.containsKey(n.substring(0, colon))) {
            String innerName = n.substring(colon + 1);
            if (innerName.contains(":")) {
                throw unknown(name);
            }
            return new NoiseTunnel(create(innerName, adapter, options), TUNNELS.get(n.substring(0, colon)),
                    options.noise());
        }
        BiFunction<ModelAdapter, AttributionOptions, Attribution> f = METHODS.get(n);
        if (f == null) {
            throw unknown(name);
        }
        return f.apply(adapter, options);
    }

    /** Checks a name without building anything (an unknown name raises the same exception as {@link #create}). */
    public static void requireKnown(String name) {
        String n = name == null ? "" : name.trim();
        int colon = n.indexOf(':');
        if (colon > 0 && TUNNELS.containsKey(n.substring(0, colon)) && !n.substring(colon + 1).contains(":")) {
            requireKnown(n.substring(colon + 1));
        } else if (!METHODS.containsKey(n)) {
            throw unknown(name);
        }
    }

    /** The registered names, in registration order (wrappers {@code <variant>:<method>} come on top). */
    public static Set<String> names() {
        return Collections.unmodifiableSet(METHODS.keySet());
    }

    private static IllegalArgumentException unknown(String name) {
        return new IllegalArgumentException("unknown attribution method '" + name + "' (allowed: "
                + String.join(", ", METHODS.keySet()) + "; or " + String.join("|", TUNNELS.keySet())
                + ":<method>, e.g. smoothgrad:ig)");
    }
}
