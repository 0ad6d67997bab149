package org.xai4j.experiments;

import java.util.List;

/**
 * One trained model of an experiment: a name (its run folder), what it is, and the {@code --set} overrides that
 * turn the experiment's base config into its config. {@code {runs}} in an override stands for the folder of the
 * experiment's run folders (to start from another variant's checkpoint).
 *
 * @param name        run folder name and table row
 * @param description what the row shows
 * @param overrides   config overrides, applied in order
 */
record Variant(String name, String description, List<String> overrides) {
    Variant {
        overrides = List.copyOf(overrides);
    }

    List<String> resolved(java.nio.file.Path runs) {
        return overrides.stream().map(o -> o.replace("{runs}", runs.toString())).toList();
    }
}
