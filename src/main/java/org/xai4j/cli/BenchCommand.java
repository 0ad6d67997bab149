package org.xai4j.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.xai4j.bench.BenchCase;
import org.xai4j.bench.BenchOptions;
import org.xai4j.bench.BenchReport;
import org.xai4j.bench.EfficiencySuite;
import org.xai4j.bench.EfficiencyTable;
import org.xai4j.bench.ModelThroughputBench;
import org.xai4j.bench.ThroughputCsv;
import org.xai4j.engine.Engine;
import org.xai4j.perf.GemmReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code xai4j bench}: training-step, inference and attribution throughput and efficiency of each model family,
 * with the layer engines interleaved, written to CSV and printed as a Markdown table.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        subcommands = {BenchAttributionCommand.class, BenchPgdCommand.class, BenchConstraintCommand.class,
            BenchInputPipelineCommand.class},
        description = "Measure training-step and inference throughput of each model family on random images and "
                + "their efficiency (training GFLOP/s over the float32 gemm GFLOP/s of the same process); other "
                + "benchmarks are subcommands.")
public final class BenchCommand implements Callable<Integer> {
    @Option(names = "--suite", description = "a fixed set of networks instead of --models and its settings: "
            + EfficiencySuite.NAME + " (issue 6's targets)")
    String suite;

    @Option(names = "--models", split = ",",
            description = "architectures (default: resnet18,densenet121,vgg11-bn,patch)")
    List<String> models;

    @Option(names = "--size", description = "image side (default: 64)")
    Integer size;

    @Option(names = "--channels", description = "input channels (default: 1)")
    Integer channels;

    @Option(names = "--batch", description = "batch size (default: 32)")
    Integer batch;

    @Option(names = "--width", description = "width multiplier (default: 0.25)")
    Double width;

    @Option(names = "--blocks", split = ",", description = "blocks per stage override, e.g. 1,1,1,1")
    List<Integer> blocks;

    @Option(names = "--engines", split = ",",
            description = "layer engines to interleave: builtin, onednn (needs the onednn natives of the default "
                    + "build) (default: the process's engine, onednn on the default build)")
    List<String> engines;

    @Option(names = "--attribution", description = "also time an input-gradient pass in inference mode")
    boolean attribution;

    @Option(names = "--gemm-size", defaultValue = "" + GemmReference.DEFAULT_SIZE,
            description = "side of the reference float32 matrix multiply (default: ${DEFAULT-VALUE})")
    int gemmSize;

    @Option(names = "--warmup", defaultValue = "1", description = "untimed rounds (default: ${DEFAULT-VALUE})")
    int warmup;

    @Option(names = "--iterations", defaultValue = "5", description = "timed rounds (default: ${DEFAULT-VALUE})")
    int iterations;

    @Option(names = "--out", defaultValue = "checkpoints/bench/models.csv", description = "CSV (default: ${DEFAULT-VALUE})")
    Path out;

    @Override
    public Integer call() {
        List<Engine> e = engines == null ? List.of(Engine.current()) : engines.stream().map(Engine::parse).toList();
        BenchOptions o = new BenchOptions(cases(), e, warmup, iterations, attribution, gemmSize);
        BenchReport report = ModelThroughputBench.run(o, System.out);
        ThroughputCsv.write(out, report);
        System.out.println();
        EfficiencyTable.markdown(report).forEach(System.out::println);
        System.out.println("wrote " + out);
        return 0;
    }

    private List<BenchCase> cases() {
        if (suite != null) {
            List<String> given = new ArrayList<>();
            if (models != null) {
                given.add("--models");
            }
            if (blocks != null) {
                given.add("--blocks");
            }
            List<Object> settings = Arrays.asList(size, channels, batch, width);
            List<String> names = List.of("--size", "--channels", "--batch", "--width");
            for (int i = 0; i < settings.size(); i++) {
                if (settings.get(i) != null) {
                    given.add(names.get(i));
                }
            }
            if (!given.isEmpty()) {
                throw new IllegalArgumentException("--suite fixes the networks and their settings; drop "
                        + String.join(", ", given) + " or drop --suite");
            }
            return EfficiencySuite.byName(suite);
        }
        return BenchOptions.sameSettings(models == null ? List.of("resnet18", "densenet121", "vgg11-bn", "patch")
                        : models, Objects.requireNonNullElse(size, 64), Objects.requireNonNullElse(channels, 1),
                Objects.requireNonNullElse(batch, 32), Objects.requireNonNullElse(width, 0.25), blocks);
    }
}
