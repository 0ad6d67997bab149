package org.xai4j.cli;

import java.util.List;
import picocli.CommandLine.Option;

/** The network and batch options the step-cost benchmarks share ({@code bench pgd}, {@code bench constraint}). */
final class BenchModelArgs {
    @Option(names = "--model", defaultValue = "resnet18", description = "architecture (default: ${DEFAULT-VALUE})")
    String model;

    @Option(names = "--width", defaultValue = "0.25", description = "width multiplier (default: ${DEFAULT-VALUE})")
    double width;

    @Option(names = "--blocks", split = ",", defaultValue = "1,1,1,1",
            description = "blocks per stage (default: ${DEFAULT-VALUE})")
    List<Integer> blocks;

    @Option(names = "--size", defaultValue = "64", description = "image side (default: ${DEFAULT-VALUE})")
    int size;

    @Option(names = "--batch", defaultValue = "32", description = "batch size (default: ${DEFAULT-VALUE})")
    int batch;
}
