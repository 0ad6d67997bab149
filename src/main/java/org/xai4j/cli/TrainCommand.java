package org.xai4j.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.xai4j.config.RunConfig;
import org.xai4j.train.Resume;
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

    @Option(names = "--resume", paramLabel = "CHECKPOINT", description = "continue from a checkpoint (e.g. "
            + "checkpoints/<run>/last.ckpt) with the run's own config; --set may change only train.epochs, "
            + "train.schedule, train.earlyStopping, train.ui, train.statsEvery, train.keepEpochCheckpoints")
    Path resume;

    @Option(names = "--overwrite", description = "replace an existing run folder of the same --name (default: refuse)")
    boolean overwrite;

    @Option(names = "--checkpoints", paramLabel = "DIR", defaultValue = "checkpoints",
            description = "where run folders go (default: ${DEFAULT-VALUE})")
    Path checkpoints;

    @Override
    public Integer call() {
        RunConfig run = resume == null ? config.load(null) : Resume.config(resume, config.config, config.overrides);
        TrainingRun.Outcome outcome = new TrainingRun(run, checkpoints, name, resume, overwrite, System.out).execute();
        System.out.println(outcome.describe());
        return 0;
    }
}
