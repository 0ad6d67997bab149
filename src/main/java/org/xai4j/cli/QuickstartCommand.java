package org.xai4j.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.xai4j.train.Quickstart;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code xai4j quickstart}: the main job, from synthetic data to a report. */
@Command(name = "quickstart", mixinStandardHelpOptions = true,
        description = "Generate the synthetic brain-MRI set, train a small classifier, evaluate it and write a report.")
public final class QuickstartCommand implements Callable<Integer> {
    @Mixin
    ConfigArgs config;

    @Option(names = "--name", description = "run folder name (default: quickstart-<timestamp>)")
    String name;

    @Option(names = "--checkpoints", paramLabel = "DIR", defaultValue = "checkpoints",
            description = "where run folders go (default: ${DEFAULT-VALUE})")
    Path checkpoints;

    @Override
    public Integer call() {
        Quickstart.Result r = Quickstart.run(config.load(Path.of("configs/quickstart.yaml")), checkpoints, name, System.out);
        System.out.println(r.describe());
        return 0;
    }
}
