package org.xai4j.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.xai4j.tune.TuneJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code xai4j tune}: hyper-parameter search with Arbiter over the project's own training loop. */
@Command(name = "tune", mixinStandardHelpOptions = true,
        description = "Hyper-parameter search (Arbiter random or grid search): trains each candidate of the space "
                + "file on top of the base config into checkpoints/<name>/trial-NNN/, scores it on the validation "
                + "split and writes trials.csv, objective-vs-parameters.png and best.yaml; --resume continues a "
                + "killed search without redoing finished trials.")
public final class TuneCommand implements Callable<Integer> {
    @Mixin
    ConfigArgs config;

    @Option(names = "--space", paramLabel = "FILE", description = "search space file (e.g. configs/tune/quickstart.yaml)")
    Path space;

    @Option(names = "--trials", paramLabel = "N", description = "number of trials (default: the space file's, else 20)")
    Integer trials;

    @Option(names = "--budget", paramLabel = "DURATION",
            description = "no new trial starts after this wall time, e.g. 2h, 90m, 1h30m (default: the space file's)")
    String budget;

    @Option(names = "--name", description = "search folder name (default: tune-<timestamp>)")
    String name;

    @Option(names = "--resume", paramLabel = "DIR",
            description = "continue the search in DIR (e.g. checkpoints/<name>) with its stored config and space")
    Path resume;

    @Option(names = "--checkpoints", paramLabel = "DIR", defaultValue = "checkpoints",
            description = "where search folders go (default: ${DEFAULT-VALUE})")
    Path checkpoints;

    @Override
    public Integer call() {
        TuneJob.Result result = TuneJob.run(new TuneJob.Request(config.config, config.overrides, space, trials, budget,
                name, checkpoints, resume), System.out);
        System.out.print(result.describe());
        return 0;
    }
}
