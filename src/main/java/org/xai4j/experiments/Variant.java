package org.xai4j.experiments;

import java.util.List;

/**
 * One trained model of an experiment: a name and the {@code --set} overrides applied to the experiment's base config.
 *
 * @param name      row name in the table and run folder name
 * @param overrides {@code key.path=value} overrides
 */
public record Variant(String name, List<String> overrides) {
    public Variant {
        if (name == null || !name.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("variant: names use letters, digits, '.', '_' and '-', got " + name);
        }
        overrides = List.copyOf(overrides);
    }
}
