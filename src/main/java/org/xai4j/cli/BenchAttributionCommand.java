package org.xai4j.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.xai4j.attribution.Attributions;
import org.xai4j.bench.AttributionBench;
import org.xai4j.bench.AttributionBenchOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code xai4j bench attribution}: IG-50 versus 50 gradient passes, and img/s of each attribution method. */
@Command(name = "attribution", mixinStandardHelpOptions = true,
        description = "Time attribution methods on one random batch: the ratio of IG with --steps steps to --steps "
                + "gradient passes (should be <= ~1.1) and img/s of every method; written to CSV.")
public final class BenchAttributionCommand implements Callable<Integer> {
    @Option(names = "--model", defaultValue = "resnet18", description = "architecture (default: ${DEFAULT-VALUE})")
    String model;

    @Option(names = "--size", defaultValue = "64", description = "image side (default: ${DEFAULT-VALUE})")
    int size;

    @Option(names = "--channels", defaultValue = "1", description = "input channels (default: ${DEFAULT-VALUE})")
    int channels;

    @Option(names = "--batch", defaultValue = "8", description = "images per call (default: ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--width", defaultValue = "0.25", description = "width multiplier (default: ${DEFAULT-VALUE})")
    double width;

    @Option(names = "--blocks", split = ",", defaultValue = "1,1,1,1",
            description = "blocks per stage (default: ${DEFAULT-VALUE}, the quickstart model)")
    List<Integer> blocks;

    @Option(names = "--steps", defaultValue = "50", description = "IG steps (default: ${DEFAULT-VALUE})")
    int steps;

    @Option(names = "--internal-batch", defaultValue = "64", description = "rows per pass (default: ${DEFAULT-VALUE})")
    int internalBatch;

    @Option(names = "--methods", split = ",", description = "methods to time (default: all registered)")
    List<String> methods;

    @Option(names = "--warmup", defaultValue = "1", description = "untimed calls (default: ${DEFAULT-VALUE})")
    int warmup;

    @Option(names = "--iterations", defaultValue = "3", description = "timed calls (default: ${DEFAULT-VALUE})")
    int iterations;

    @Option(names = "--out", defaultValue = "checkpoints/bench/attribution.csv",
            description = "CSV (default: ${DEFAULT-VALUE})")
    Path out;

    @Override
    public Integer call() {
        List<String> m = methods == null || methods.isEmpty() ? List.copyOf(Attributions.names()) : methods;
        m.forEach(Attributions::requireKnown);
        AttributionBenchOptions o = new AttributionBenchOptions(model, size, channels, batch, width, blocks, steps,
                internalBatch, m, warmup, iterations);
        AttributionBench.write(out, o, AttributionBench.run(o, System.out));
        System.out.println("wrote " + out);
        return 0;
    }
}
