package org.xai4j.testing;

import java.util.List;
import org.xai4j.config.ConfigLoader;
import org.xai4j.config.RunConfig;

/** Configs of tiny but real training runs (32x32 synthetic slices, a narrow ResNet) for tests. */
public final class TinyRuns {
    private TinyRuns() {
    }

    /** A run of {@code epochs} epochs on 64/32/32 synthetic images of 32x32, plus extra {@code --set} overrides. */
    public static RunConfig config(int epochs, String... overrides) {
        return ConfigLoader.fromYaml(yaml(epochs), "tiny.yaml", RunConfig.class, List.of(overrides));
    }

    /** The YAML text of {@link #config}, ending in its {@code train:} section (for a config file on disk). */
    public static String yaml(int epochs) {
        return """
                name: tiny
                seed: 7
                data:
                  synthetic:
                    size: 32
                    train: 64
                    val: 32
                    test: 32
                    pathologies: [tumor]
                model:
                  architecture: resnet18
                  widthMultiplier: 0.125
                  blocks: [1, 1, 1, 1]
                train:
                  epochs: %d
                  batchSize: 16
                  lr: 0.003
                  statsEvery: 1
                """.formatted(epochs);
    }
}
