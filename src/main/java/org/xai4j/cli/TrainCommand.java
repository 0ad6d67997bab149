package org.xai4j.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.xai4j.train.TrainingRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code xai4j train}: trains a classifier from a config into a run folder, then evaluates it on the test split. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a classifier; writes checkpoints/<run>/ (config, provenance, metrics.csv, UI stats, "
                + "best/last checkpoints, test evaluation).")
public final class TrainCommand implements Callable<Integer> {
    @Mixin
    ConfigArgs config;

    @Option(names = "--name", description = "run folder name (default: <config name>-<timestamp>)")
    String name;

    @Option(names = "--resume", paramLabel = "CHECKPOINT", description = "continue from a checkpoint (e.g. checkpoints/<run>/last.ckpt)")
    Path resume;

    @Option(names = "--checkpoints", paramLabel = "DIR", defaultValue = "checkpoints",
            description = "where run folders go (default: ${DEFAULT-VALUE})")
    Path checkpoints;

    @Override
    public Integer call() {
        TrainingRun.Outcome outcome = new TrainingRun(config.load(null), checkpoints, name, resume, System.out).execute();
        System.out.println(outcome.describe());
        return 0;
    }
}
