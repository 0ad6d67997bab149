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

    /**
     * A run folder {@code dir/run} holding {@link #config}(1) and an untrained {@code best.ckpt} of its model (for
     * commands that read a run and need no trained model).
     */
    public static java.nio.file.Path untrainedRun(java.nio.file.Path dir) {
        RunConfig config = config(1);
        java.nio.file.Path run = dir.resolve("run");
        org.xai4j.config.ConfigWriter.write(config, run.resolve("config.yaml"));
        org.xai4j.model.Classifier c = org.xai4j.model.Classifier.build(config.model(),
                new org.xai4j.model.InputShape(1, 32, 32), 1, 7, org.nd4j.linalg.api.buffer.DataType.FLOAT);
        new org.xai4j.run.Checkpoint(c, org.xai4j.run.TrainingState.start(0.001)).save(run.resolve("best.ckpt"));
        return run;
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
