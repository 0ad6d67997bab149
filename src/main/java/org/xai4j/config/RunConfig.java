package org.xai4j.config;

import org.xai4j.data.DataOptions;
import org.xai4j.model.ModelOptions;

/**
 * A whole training config file: {@code name}, {@code seed}, and the {@code data}, {@code model} and
 * {@code train} sections. Every run writes its resolved copy (all defaults filled in) to its run folder.
 *
 * @param name run-name prefix (the run folder is {@code checkpoints/<name>-<timestamp>} unless named)
 * @param seed seed of weight initialisation, shuffling and augmentation
 */
public record RunConfig(String name, Long seed, DataOptions data, ModelOptions model, TrainOptions train) {
    public RunConfig {
        name = name == null ? "run" : name;
        seed = seed == null ? 42L : seed;
        data = data == null ? DataOptions.defaults() : data;
        model = model == null ? ModelOptions.of(null) : model;
        train = train == null ? TrainOptions.defaults() : train;
        requireRunName("name", name);
    }

    /**
     * Refuses a run name that is not one plain folder name: letters, digits, '.', '_' and '-', not starting with
     * '.' (so neither {@code ..} nor a path can take a run outside its checkpoints folder).
     *
     * @param what what named it, for the message (e.g. {@code name} or {@code --name})
     */
    public static String requireRunName(String what, String name) {
        if (name == null || !name.matches("[A-Za-z0-9_-][A-Za-z0-9._-]*")) {
            throw new IllegalArgumentException(what + ": only letters, digits, '.', '_' and '-' are allowed, not "
                    + "starting with '.', got '" + name + "'");
        }
        return name;
    }
}
