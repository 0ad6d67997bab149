package org.xai4j.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.xai4j.data.Split;
import org.xai4j.dissection.DissectionJob;
import org.xai4j.dissection.DissectionOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code xai4j dissect}: which units of a trained run detect which concepts (network dissection). */
@Command(name = "dissect", mixinStandardHelpOptions = true,
        description = "Network dissection (Bau et al. 2017): per unit of each tap, the activation threshold of the "
                + "top fraction (streaming t-digest) and the data-set-wide IoU of its binarised, upsampled maps with "
                + "every concept mask of the data; writes units.csv and summary.csv to <run>/dissect.")
public final class DissectCommand implements Callable<Integer> {
    @Option(names = "--run", required = true, paramLabel = "DIR", description = "run folder")
    Path run;

    @Option(names = "--checkpoints", split = ",", defaultValue = "best", paramLabel = "CHECKPOINT",
            description = "best, last, epoch-N or epoch-* (every kept epoch checkpoint) (default: ${DEFAULT-VALUE})")
    List<String> checkpoints;

    @Option(names = "--layers", split = ",", defaultValue = "last_conv", paramLabel = "TAP",
            description = "taps to dissect (default: ${DEFAULT-VALUE})")
    List<String> layers;

    @Option(names = "--data", paramLabel = "FILE", description = "YAML with a data: section (default: the run's data)")
    Path data;

    @Option(names = "--split", defaultValue = "test", description = "probe split (default: ${DEFAULT-VALUE})")
    String split;

    @Option(names = "--limit", paramLabel = "N", description = "at most N images of the split")
    Integer limit;

    @Option(names = "--quantile", defaultValue = "0.005", paramLabel = "P",
            description = "share of a unit's activations above its threshold (default: ${DEFAULT-VALUE})")
    double quantile;

    @Option(names = "--iou", defaultValue = "0.04", description = "IoU that makes a detector (default: ${DEFAULT-VALUE})")
    double iou;

    @Option(names = "--batch", defaultValue = "16", description = "images per pass (default: ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--out", paramLabel = "DIR", description = "output folder (default: <run>/dissect)")
    Path out;

    @Override
    public Integer call() {
        DissectionJob.run(new DissectionJob.Request(run, checkpoints, data, Split.parse(split), limit,
                new DissectionOptions(layers, quantile, iou, batch, null), out), System.out);
        return 0;
    }
}
