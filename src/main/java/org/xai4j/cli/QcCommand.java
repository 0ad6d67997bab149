package org.xai4j.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.xai4j.attribution.AttributionOptions;
import org.xai4j.config.MethodOptionsFile;
import org.xai4j.qc.QcJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code xai4j qc}: INFORMER quality control of a multi-label run (issue 14). */
@Command(name = "qc", mixinStandardHelpOptions = true,
        description = "INFORMER (Shu et al. 2024): flags predictions whose class-specific saliency maps are not "
                + "distinctive, against predictive entropy and test-time-augmentation variance; thresholds on the "
                + "validation split, F1 on the test split and its bootstrap, paired t-tests; outputs in <run>/qc.")
public final class QcCommand implements Callable<Integer> {
    @Option(names = "--run", required = true, paramLabel = "DIR", description = "a multi-label run folder")
    Path run;

    @Option(names = "--checkpoint", defaultValue = "best", description = "best, last or epoch-N (default: ${DEFAULT-VALUE})")
    String checkpoint;

    @Option(names = "--method", defaultValue = "ixg", description = "saliency method, e.g. ixg or lrp "
            + "(default: ${DEFAULT-VALUE})")
    String method;

    @Option(names = "--limit", defaultValue = "0", description = "images per split at most, 0 for all "
            + "(default: ${DEFAULT-VALUE})")
    int limit;

    @Option(names = "--resamples", defaultValue = "30", description = "bootstrap resamples of the test split "
            + "(default: ${DEFAULT-VALUE})")
    int resamples;

    @Option(names = "--seed", defaultValue = "0", description = "seed of augmentations and resamples "
            + "(default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--method-options", paramLabel = "FILE", description = "YAML of per-method settings")
    Path methodOptions;

    @Option(names = "--out", paramLabel = "DIR", description = "output folder (default: <run>/qc)")
    Path out;

    @Override
    public Integer call() {
        AttributionOptions o = AttributionOptions.defaults();
        if (methodOptions != null) {
            o = MethodOptionsFile.read(methodOptions, o);
        }
        QcJob.run(new QcJob.Request(run, checkpoint, method, limit, resamples, seed, o, out), System.out);
        return 0;
    }
}
