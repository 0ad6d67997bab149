package org.xai4j.experiments;

import java.nio.file.Path;
import java.util.List;

/**
 * One trained model of an experiment: a name (its run folder and table row), what it is, and the {@code --set}
 * overrides that turn the experiment's base config into its config. {@code {runs}} in an override stands for the
 * folder of the experiment's run folders (to start from another variant's checkpoint).
 *
 * @param name        run folder name and table row
 * @param description what the row shows
 * @param overrides   {@code key.path=value} config overrides, applied in order
 */
public record Variant(String name, String description, List<String> overrides) {
    public Variant {
        if (name == null || !name.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("variant: names use letters, digits, '.', '_' and '-', got " + name);
        }
        description = description == null ? "" : description;
        overrides = List.copyOf(overrides);
    }

    /** A variant without a description. */
    public Variant(String name, List<String> overrides) {
        this(name, "", overrides);
    }

    /** The overrides with {@code {runs}} replaced by the experiment's run folder. */
    public List<String> resolved(Path runs) {
        return overrides.stream().map(o -> o.replace("{runs}", runs.toString())).toList();
    }
}
