package org.xai4j.experiments;

import java.util.List;

/**
 * One model of the attribution-constraint experiment: a name (its run folder and table row) and the {@code --set}
 * overrides applied to the experiment's base config.
 *
 * @param name      row name and run folder name
 * @param overrides {@code key.path=value} overrides
 */
public record ConstraintVariant(String name, List<String> overrides) {
    public ConstraintVariant {
        if (name == null || !name.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("variant: names use letters, digits, '.', '_' and '-', got " + name);
        }
        overrides = List.copyOf(overrides);
    }
}
