package org.xai4j.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.xai4j.config.ConfigLoader;
import org.xai4j.config.RunConfig;
import picocli.CommandLine.Option;

/** The {@code --config} and {@code --set} options shared by the commands that read a config. */
public final class ConfigArgs {
    @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "YAML config (default: built-in defaults)")
    Path config;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "override a config value, e.g. --set train.epochs=5 (repeatable)")
    List<String> overrides = new ArrayList<>();

    RunConfig load(Path defaultConfig) {
        Path file = config != null ? config : defaultConfig;
        return file == null ? ConfigLoader.fromDefaults(RunConfig.class, overrides)
                : ConfigLoader.load(file, RunConfig.class, overrides);
    }
}
