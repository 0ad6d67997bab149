package org.xai4j.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.xai4j.bench.ConstraintBench;
import org.xai4j.bench.ConstraintBenchOptions;
import org.xai4j.constraint.ConstraintOptions;
import org.xai4j.constraint.TrainingAttributions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code xai4j bench constraint}: cost of an attribution-constrained training step relative to a standard one. */
@Command(name = "constraint", mixinStandardHelpOptions = true,
        description = "Time a training step with the attribution constraint (each training attribution, forward and "
                + "central differences) against a standard step on the same batch; writes a CSV of the ratios.")
public final class BenchConstraintCommand implements Callable<Integer> {
    @Mixin
    BenchModelArgs net;

    @Option(names = "--healthy", defaultValue = "0.5", description = "share of healthy images (default: ${DEFAULT-VALUE})")
    double healthy;

    @Option(names = "--attributions", split = ",", defaultValue = "grad,ixg,eg,ig,combination",
            description = "training attributions (default: ${DEFAULT-VALUE}; ig with 4 points)")
    List<String> attributions;

    @Option(names = "--differences", split = ",", defaultValue = "forward,central,exact",
            description = "difference schemes (default: ${DEFAULT-VALUE})")
    List<String> differences;

    @Option(names = "--warmup", defaultValue = "2", description = "untimed rounds (default: ${DEFAULT-VALUE})")
    int warmup;

    @Option(names = "--iterations", defaultValue = "7", description = "timed rounds (default: ${DEFAULT-VALUE})")
    int iterations;

    @Option(names = "--out", defaultValue = "checkpoints/bench/constraint.csv",
            description = "CSV (default: ${DEFAULT-VALUE})")
    Path out;

    @Override
    public Integer call() {
        ConstraintBenchOptions o = new ConstraintBenchOptions(net.model, net.width, net.blocks, net.size, net.batch, healthy,
                attributions.stream().map(String::trim).peek(a -> {
                    if (!a.equals(TrainingAttributions.COMBINATION)) {
                        TrainingAttributions.requireKnown(a, "--attributions");
                    }
                }).toList(),
                differences.stream().map(d -> parse(ConstraintOptions.Difference.class, "--differences", d)).toList(),
                warmup, iterations);
        ConstraintBench.write(out, o, ConstraintBench.run(o, System.out));
        System.out.println("wrote " + out);
        return 0;
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String option, String value) {
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(value.trim())) {
                return e;
            }
        }
        throw new IllegalArgumentException(option + ": unknown '" + value + "' (allowed: "
                + String.join(", ", java.util.Arrays.stream(type.getEnumConstants())
                .map(e -> e.name().toLowerCase(java.util.Locale.ROOT)).toList()) + ")");
    }
}
