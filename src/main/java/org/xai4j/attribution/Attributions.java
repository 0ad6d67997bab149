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
 */
public final class Attributions {
    private static final Map<String, BiFunction<ModelAdapter, AttributionOptions, Attribution>> METHODS =
            new LinkedHashMap<>();

    static {
        METHODS.put("grad", (a, o) -> new Gradient(a));
        METHODS.put("ixg", (a, o) -> new InputXGradient(a));
        METHODS.put("ig", (a, o) -> new IntegratedGradients(a, o.ig()));
        METHODS.put("eg", (a, o) -> new ExpectedGradients(a, o.eg()));
        METHODS.put("gradcam", (a, o) -> new GradCam(a, o.tap()));
        METHODS.put("gradcampp", (a, o) -> new GradCamPlusPlus(a, o.tap()));
        METHODS.put("cam", (a, o) -> new Cam(a, o.tap()));
    }

    private Attributions() {
    }

    /** A method with default settings; an unknown name raises an IllegalArgumentException listing the names. */
    public static Attribution create(String name, ModelAdapter adapter) {
        return create(name, adapter, AttributionOptions.defaults());
    }

    /** A method with the given settings. */
    public static Attribution create(String name, ModelAdapter adapter, AttributionOptions options) {
        BiFunction<ModelAdapter, AttributionOptions, Attribution> f = name == null ? null : METHODS.get(name.trim());
        if (f == null) {
            throw new IllegalArgumentException("unknown attribution method '" + name + "' (allowed: "
                    + String.join(", ", METHODS.keySet()) + ")");
        }
        return f.apply(adapter, options);
    }

    /** The registered names, in registration order. */
    public static Set<String> names() {
        return Collections.unmodifiableSet(METHODS.keySet());
    }
}
