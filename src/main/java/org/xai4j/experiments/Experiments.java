package org.xai4j.experiments;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The registry of experiments by name, which {@code xai4j experiment <name>} runs: the built-in
 * {@code attribution-constraint} and {@code adversarial-interpretability}, and whatever {@link #register} adds.
 */
public final class Experiments {
    private static final Map<String, Experiment> EXPERIMENTS = new LinkedHashMap<>();

    static {
        register(new AttributionConstraintExperiment());
        register(new AdversarialInterpretability());
        register(new NetworkDissectionExperiment());
        register(new AttributionEvaluationExperiment());
        register(new InformerQcExperiment());
    }

    private Experiments() {
    }

    /** Registers (or replaces) an experiment under its {@link Experiment#name()}. */
    public static synchronized void register(Experiment experiment) {
        String name = experiment.name();
        if (name == null || !name.matches("[a-z0-9][a-z0-9-]*")) {
            throw new IllegalArgumentException("experiment names use lower-case letters, digits and '-', got "
                    + name);
        }
        EXPERIMENTS.put(name, experiment);
    }

    /** The experiment {@code name}; an unknown name is an IllegalArgumentException listing the registered ones. */
    public static synchronized Experiment named(String name) {
        Experiment e = EXPERIMENTS.get(name == null ? "" : name.trim());
        if (e == null) {
            throw new IllegalArgumentException("unknown experiment '" + name + "' (registered: "
                    + String.join(", ", EXPERIMENTS.keySet()) + ")");
        }
        return e;
    }

    /** The registered names, in registration order. */
    public static synchronized Set<String> names() {
        return Collections.unmodifiableSet(new java.util.LinkedHashSet<>(EXPERIMENTS.keySet()));
    }
}
