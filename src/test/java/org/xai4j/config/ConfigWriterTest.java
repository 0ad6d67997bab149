package org.xai4j.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xai4j.config.ConfigFixtures.Data;
import org.xai4j.config.ConfigFixtures.Model;
import org.xai4j.config.ConfigFixtures.RunConfig;
import org.xai4j.config.ConfigFixtures.Source;
import org.xai4j.config.ConfigFixtures.Train;

class ConfigWriterTest {
    @TempDir
    Path dir;

    @Test
    void writtenConfigReadsBackEqual() throws Exception {
        RunConfig config = new RunConfig("5", 7, new Train(3, 16, 1e-4, false),
                new Model("vgg16-bn", 0.25, List.of(1, 1)), new Data(Source.CSV, List.of("ms", "yes", "null"),
                Path.of("data/my set")));
        Path file = dir.resolve("run/config.yaml");
        ConfigWriter.write(config, file);
        assertThat(ConfigLoader.load(file, RunConfig.class, List.of())).isEqualTo(config);
    }

    @Test
    void defaultsAreWrittenOutInFullWithoutHelperMethods() {
        String yaml = ConfigWriter.toYaml(ConfigLoader.fromDefaults(RunConfig.class, List.of()));
        assertThat(yaml).isEqualTo("""
                name: "run"
                seed: 42
                train:
                  epochs: 10
                  batchSize: 32
                  lr: 0.001
                  augment: true
                model:
                  architecture: "resnet18"
                  widthMultiplier: 1.0
                  blocks:
                  - 2
                  - 2
                  - 2
                  - 2
                data:
                  source: "synthetic"
                  pathologies:
                  - "tumor"
                  root: "datasets/synthetic"
                """);
    }

    @Test
    void overwritingLeavesNoTemporaryFiles() throws Exception {
        Path file = dir.resolve("config.yaml");
        ConfigWriter.write(new RunConfig("a", null, null, null, null), file);
        ConfigWriter.write(new RunConfig("b", null, null, null, null), file);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
        assertThat(ConfigLoader.load(file, RunConfig.class, List.of()).name()).isEqualTo("b");
    }
}
