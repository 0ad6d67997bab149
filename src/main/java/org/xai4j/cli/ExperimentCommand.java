package org.xai4j.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.xai4j.experiments.AdversarialInterpretability;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code xai4j experiment ...}: regenerate an experiment's results table and figures. */
@Command(name = "experiment", mixinStandardHelpOptions = true,
        description = "Regenerate the results of an experiment folder (experiments/<name>/).",
        subcommands = {ExperimentCommand.AdversarialInterpretabilityCommand.class,
                AttributionConstraintExperimentCommand.class})
public final class ExperimentCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** {@code xai4j experiment adversarial-interpretability}. */
    @Command(name = AdversarialInterpretability.NAME, mixinStandardHelpOptions = true,
            description = "Standard vs PGD-L2 vs FGSM-mixed vs robust + fine-tuned models on the synthetic brain "
                    + "slices: clean and robust AUC, gradient-saliency quality against the lesion masks; writes "
                    + "out/results.csv, out/saliency.png and the README table.")
    static final class AdversarialInterpretabilityCommand implements Callable<Integer> {
        @Option(names = "--folder", defaultValue = "experiments/" + AdversarialInterpretability.NAME,
                description = "experiment folder (default: ${DEFAULT-VALUE})")
        Path folder;

        @Option(names = "--quick", description = "tiny images and one epoch: checks the pipeline, not a result")
        boolean quick;

        @Option(names = "--reuse", description = "keep models already trained in out/runs; only re-score them")
        boolean reuse;

        @Override
        public Integer call() {
            AdversarialInterpretability.Result r = AdversarialInterpretability.run(folder, quick, reuse, System.out);
            System.out.printf(Locale.ROOT, "experiment done in %.1f min (%.1f min of CPU time): %s, %s and the "
                    + "table in %s%n", r.seconds() / 60, r.cpuSeconds() / 60, r.out().resolve(AdversarialInterpretability.RESULTS),
                    r.out().resolve(AdversarialInterpretability.FIGURE), folder.resolve("README.md"));
            return 0;
        }
    }
}
