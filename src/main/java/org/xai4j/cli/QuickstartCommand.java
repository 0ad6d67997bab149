package org.xai4j.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.xai4j.train.Quickstart;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code xai4j quickstart}: the main job, from synthetic data to a report: train and evaluate
 * ({@link Quickstart}), then explain a few test images and segment the test lesions from attribution maps with
 * the {@code explain} and {@code segment} commands, and link their outputs from {@code report.md}.
 */
@Command(name = "quickstart", mixinStandardHelpOptions = true,
        description = "Generate the synthetic brain-MRI set, train a small classifier, evaluate it, explain and "
                + "segment test images from attribution maps, and write a report.")
public final class QuickstartCommand implements Callable<Integer> {
    @Mixin
    ConfigArgs config;

    @Option(names = "--name", description = "run folder name (default: quickstart-<timestamp>)")
    String name;

    @Option(names = "--checkpoints", paramLabel = "DIR", defaultValue = "checkpoints",
            description = "where run folders go (default: ${DEFAULT-VALUE})")
    Path checkpoints;

    @Option(names = "--skip-explain", description = "train and evaluate only")
    boolean skipExplain;

    @Override
    public Integer call() {
        long t0 = System.nanoTime();
        Quickstart.Result r = Quickstart.run(config.load(Path.of("configs/quickstart.yaml")), checkpoints, name, System.out);
        if (!skipExplain) {
            String run = r.outcome().folder().dir().toString();
            System.out.println("explaining 8 test images (grad, ixg, ig, gradcam, iba, inverse-iba, multilayer-iba, lrp, pathwaygrad) ...");
            require(new CommandLine(new ExplainCommand()).execute("--run", run, "--limit", "8",
                    "--methods", "grad,ixg,ig,gradcam,iba,inverse-iba,multilayer-iba,lrp,pathwaygrad", "--sanity", "2"), "explain");
            System.out.println("segmenting the test lesions from attribution maps (grad, ixg, gradcam; intensity baseline) ...");
            require(new CommandLine(new SegmentCommand()).execute("--run", run, "--limit", "120",
                    "--methods", "grad,ixg,gradcam", "--baseline", "intensity", "--threshold", "best-dice"), "segment");
            Quickstart.linkExplanations(r.outcome().folder());
        }
        System.out.println(new Quickstart.Result(r.outcome(), (System.nanoTime() - t0) / 1e9).describe());
        return 0;
    }

    private static void require(int exitCode, String step) {
        if (exitCode != 0) {
            throw new IllegalStateException("quickstart: the " + step + " step failed (exit code " + exitCode + ")");
        }
    }
}
