package org.xai4j.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.xai4j.bench.PgdCostBench;
import org.xai4j.bench.PgdCostOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code xai4j bench pgd}: cost of a PGD-k adversarial training step relative to a standard step, as CSV. */
@Command(name = "pgd", mixinStandardHelpOptions = true,
        description = "Time a PGD-k adversarial training step against a standard step on the same batch "
                + "(interleaved repetitions, one run); target ratio <= 1.15 (k + 1).")
public final class BenchPgdCommand implements Callable<Integer> {
    @Mixin
    BenchModelArgs net;

    @Option(names = "--steps", split = ",", defaultValue = "7", description = "PGD steps k, e.g. 1,3,7 (default: ${DEFAULT-VALUE})")
    List<Integer> steps;

    @Option(names = "--norm", defaultValue = "l2", description = "l2 or linf (default: ${DEFAULT-VALUE})")
    String norm;

    @Option(names = "--keep-best", description = "keep each example's worst PGD iterate (scoring forward passes; "
            + "off in training by default)")
    boolean keepBest;

    @Option(names = "--warmup", defaultValue = "1", description = "untimed repetitions (default: ${DEFAULT-VALUE})")
    int warmup;

    @Option(names = "--repetitions", defaultValue = "5", description = "timed repetitions (default: ${DEFAULT-VALUE})")
    int repetitions;

    @Option(names = "--out", defaultValue = "checkpoints/bench/pgd.csv", description = "CSV (default: ${DEFAULT-VALUE})")
    Path out;

    @Override
    public Integer call() {
        PgdCostOptions o = new PgdCostOptions(net.model, net.width, net.blocks, net.size, net.batch, steps, norm, keepBest, warmup,
                repetitions);
        PgdCostBench.write(out, o, PgdCostBench.run(o, System.out));
        System.out.println("wrote " + out);
        return 0;
    }
}
