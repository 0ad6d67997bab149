package org.xai4j.experiments;

import java.nio.file.Path;
import java.util.List;

/**
 * One trained model of an experiment: a name (its run folder and table row), what it is, and the {@code --set}
 * overrides that turn the experiment's base config into its config. {@code {runs}} in an override stands for the
 * folder of the experiment's run folders (to start from another variant's checkpoint).
 *
 * @param name        run folder name and table row: letters, digits, '.', '_' and '-'
 * @param description what the row shows
 * @param overrides   {@code key.path=value} overrides, applied in order
 */
public record Variant(String name, String description, List<String> overrides) {
    public Variant {
        if (name == null || !name.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("variant: names use letters, digits, '.', '_' and '-', got " + name);
        }
        overrides = List.copyOf(overrides);
    }

    /** A variant described by its overrides. */
    public static Variant of(String name, List<String> overrides) {
        return new Variant(name, overrides.isEmpty() ? "the base config" : String.join("; ", overrides), overrides);
    }

    /**
     * A variant from the command line's {@code NAME:KEY=VALUE[;KEY=VALUE...]}.
     */
    public static Variant parse(String spec) {
        int colon = spec.indexOf(':');
        if (colon < 1) {
            throw new IllegalArgumentException("--variant: expected NAME:KEY=VALUE[;KEY=VALUE...], got '" + spec + "'");
        }
        String body = spec.substring(colon + 1).trim();
        return of(spec.substring(0, colon).trim(), body.isEmpty() ? List.of() : List.of(body.split(";")));
    }

    List<String> resolved(Path runs) {
        return overrides.stream().map(o -> o.replace("{runs}", runs.toString())).toList();
    }
}
