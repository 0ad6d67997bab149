package org.xai4j.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.xai4j.bench.BenchOptions;
import org.xai4j.bench.ModelThroughputBench;
import org.xai4j.bench.ThroughputCsv;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code xai4j bench}: forward+backward throughput of each model family, written to CSV. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        subcommands = {BenchAttributionCommand.class, BenchPgdCommand.class, BenchConstraintCommand.class},
        description = "Measure training-step and inference throughput of each model family on random images "
                + "(other benchmarks are subcommands).")
public final class BenchCommand implements Callable<Integer> {
    @Option(names = "--models", split = ",", defaultValue = "resnet18,densenet121,vgg11-bn,patch",
            description = "architectures (default: ${DEFAULT-VALUE})")
    List<String> models;

    @Option(names = "--size", defaultValue = "64", description = "image side (default: ${DEFAULT-VALUE})")
    int size;

    @Option(names = "--channels", defaultValue = "1", description = "input channels (default: ${DEFAULT-VALUE})")
    int channels;

    @Option(names = "--batch", defaultValue = "32", description = "batch size (default: ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--width", defaultValue = "0.25", description = "width multiplier (default: ${DEFAULT-VALUE})")
    double width;

    @Option(names = "--blocks", split = ",", description = "blocks per stage override, e.g. 1,1,1,1")
    List<Integer> blocks;

    @Option(names = "--warmup", defaultValue = "1", description = "untimed iterations (default: ${DEFAULT-VALUE})")
    int warmup;

    @Option(names = "--iterations", defaultValue = "5", description = "timed iterations (default: ${DEFAULT-VALUE})")
    int iterations;

    @Option(names = "--out", defaultValue = "checkpoints/bench/models.csv", description = "CSV (default: ${DEFAULT-VALUE})")
    Path out;

    @Override
    public Integer call() {
        BenchOptions o = new BenchOptions(models, size, channels, batch, width, blocks, warmup, iterations);
        ThroughputCsv.write(out, o, ModelThroughputBench.run(o, System.out));
        System.out.println("wrote " + out);
        return 0;
    }
}
