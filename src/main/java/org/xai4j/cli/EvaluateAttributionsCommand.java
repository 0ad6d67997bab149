package org.xai4j.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.xai4j.attribution.AttributionOptions;
import org.xai4j.config.MethodOptionsFile;
import org.xai4j.data.Split;
import org.xai4j.faithfulness.RoarJob;
import org.xai4j.faithfulness.SensitivityNJob;
import org.xai4j.faithfulness.axioms.AxiomsJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code xai4j evaluate-attributions}: faithfulness of attribution methods on a trained run (issue 16). */
@Command(name = "evaluate-attributions", mixinStandardHelpOptions = true,
        description = "How faithful attribution methods are to a trained run's model: --suite sensitivity-n (Ancona "
                + "et al. 2018), roar (remove and retrain, Hooker et al. 2019) or axioms (the \"model knows best\" "
                + "tests, Khakzar et al. 2022); tables, CSV, plots and reports in <run>/evaluate-attributions.")
public final class EvaluateAttributionsCommand implements Callable<Integer> {
    @Option(names = "--run", required = true, paramLabel = "DIR", description = "run folder")
    Path run;

    @Option(names = "--suite", defaultValue = "sensitivity-n",
            description = "sensitivity-n, roar (remove and retrain) or axioms (default: ${DEFAULT-VALUE})")
    String suite;

    @Option(names = "--methods", split = ",", defaultValue = "grad,ixg,ig,gradcam,iba,lrp,pathwaygrad",
            description = "attribution methods, or all (every registered one) (default: ${DEFAULT-VALUE})")
    List<String> methods;

    @Option(names = "--checkpoint", defaultValue = "best", description = "best, last or epoch-N (default: ${DEFAULT-VALUE})")
    String checkpoint;

    @Option(names = "--data", paramLabel = "FILE", description = "YAML with a data: section (default: the run's data)")
    Path data;

    @Option(names = "--split", defaultValue = "test", description = "split (default: ${DEFAULT-VALUE})")
    String split;

    @Option(names = "--limit", defaultValue = "16", description = "images, pathological and healthy alternately "
            + "(default: ${DEFAULT-VALUE})")
    int limit;

    @Option(names = "--sizes", split = ",", paramLabel = "N", description = "subset sizes in pixels (default: 1, 2, "
            + "4, ... up to 80% of the pixels)")
    int[] sizes;

    @Option(names = "--subsets", defaultValue = "50", description = "random subsets per image and size "
            + "(default: ${DEFAULT-VALUE})")
    int subsets;

    @Option(names = "--baseline", defaultValue = "zero", description = "what removed pixels become: zero or blur "
            + "(default: ${DEFAULT-VALUE})")
    String baseline;

    @Option(names = "--seed", defaultValue = "0", description = "seed of the subsets (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--method-options", paramLabel = "FILE", description = "YAML of per-method settings, one "
            + "section per method name")
    Path methodOptions;

    @Option(names = "--fractions", split = ",", defaultValue = "0.1,0.3,0.5,0.7,0.9",
            description = "roar: fractions of pixels removed (default: ${DEFAULT-VALUE})")
    double[] fractions;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "roar: override of the retrained configuration, "
            + "e.g. train.epochs=3 (repeatable)")
    List<String> overrides;

    @Option(names = "--scenarios", split = ",", defaultValue = "null,double,single,saturation",
            description = "axioms: scenarios (default: ${DEFAULT-VALUE})")
    List<String> scenarios;

    @Option(names = "--samples", defaultValue = "16", description = "axioms: samples generated per scenario "
            + "(default: ${DEFAULT-VALUE})")
    int samples;

    @Option(names = "--iterations", defaultValue = "400", description = "axioms: optimisation steps per sample at "
            + "most (default: ${DEFAULT-VALUE})")
    int iterations;

    @Option(names = "--background", defaultValue = "healthy", description = "axioms: what patches are pasted on, "
            + "healthy (images of --split) or noise (default: ${DEFAULT-VALUE})")
    String background;

    @Option(names = "--outputs", split = ",", paramLabel = "A,B", description = "axioms: the two classes of a "
            + "multi-label model (default: the first two; a one-logit model uses z and -z)")
    int[] outputs;

    @Option(names = "--out", paramLabel = "DIR", description = "output folder (default: <run>/evaluate-attributions)")
    Path out;

    @Override
    public Integer call() {
        if (!suite.equals("sensitivity-n") && !suite.equals("roar") && !suite.equals("axioms")) {
            throw new IllegalArgumentException("--suite: sensitivity-n, roar or axioms, got " + suite);
        }
        if (methods.equals(List.of("all"))) {
            methods = List.copyOf(org.xai4j.attribution.Attributions.names());
        }
        AttributionOptions o = AttributionOptions.defaults();
        if (methodOptions != null) {
            o = MethodOptionsFile.read(methodOptions, o);
        }
        if (suite.equals("roar")) {
            RoarJob.run(new RoarJob.Request(run, methods, fractions, overrides, o, out), System.out);
            return 0;
        }
        if (suite.equals("axioms")) {
            AxiomsJob.run(new AxiomsJob.Request(run, checkpoint, data, Split.parse(split), methods, scenarios, samples,
                    iterations, background, outputs, seed, o, out), System.out);
            return 0;
        }
        SensitivityNJob.run(new SensitivityNJob.Request(run, checkpoint, data, Split.parse(split), limit, methods, sizes,
                subsets, baseline, seed, o, out), System.out);
        return 0;
    }
}
