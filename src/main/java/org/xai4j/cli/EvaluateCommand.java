package org.xai4j.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.xai4j.data.Split;
import org.xai4j.train.Evaluation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code xai4j evaluate}: ROC AUC, accuracy and F1 at the Youden threshold, ROC plot and per-image scores. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Evaluate a run's checkpoint on a split; writes <run>/eval-<split>/ (metrics.csv, scores.csv, roc.png).")
public final class EvaluateCommand implements Callable<Integer> {
    @Option(names = "--run", required = true, paramLabel = "DIR", description = "run folder, e.g. checkpoints/quickstart")
    Path run;

    @Option(names = "--split", defaultValue = "test", description = "train, val or test (default: ${DEFAULT-VALUE})")
    String split;

    @Option(names = "--checkpoint", defaultValue = "best", description = "best or last (default: ${DEFAULT-VALUE})")
    String checkpoint;

    @Override
    public Integer call() {
        Evaluation.Summary s = Evaluation.ofRun(run, checkpoint, Split.parse(split));
        System.out.println(s.describe());
        return 0;
    }
}
