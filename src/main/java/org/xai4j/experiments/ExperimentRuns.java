package org.xai4j.experiments;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.xai4j.report.CsvTable;
import org.xai4j.run.RunFolder;
import org.xai4j.train.Evaluation;

/** What the experiments read back from the run folders they train into (for {@code --reuse} and cost columns). */
final class ExperimentRuns {
    private ExperimentRuns() {
    }

    /** True when a run folder's training finished (its test evaluation was written). */
    static boolean complete(Path runDir) {
        return Files.isRegularFile(testMetrics(runDir));
    }

    /** The macro test AUC a finished run folder's test evaluation recorded. */
    static double testAuc(Path runDir) {
        CsvTable metrics = CsvTable.read(testMetrics(runDir));
        int label = metrics.header().indexOf("label");
        int auc = metrics.header().indexOf("auc");
        for (List<String> row : metrics.rows()) {
            if (row.get(label).equals("macro")) {
                return Double.parseDouble(row.get(auc));
            }
        }
        throw new IllegalArgumentException(testMetrics(runDir) + ": no 'macro' row");
    }

    /** Sum of the per-epoch training times a run folder's metrics.csv records. */
    static double trainingSeconds(Path runDir) {
        return epochSeconds(runDir).stream().mapToDouble(Double::doubleValue).sum();
    }

    /** Mean per-epoch training time a run folder's metrics.csv records. */
    static double meanEpochSeconds(Path runDir) {
        return epochSeconds(runDir).stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    private static List<Double> epochSeconds(Path runDir) {
        CsvTable metrics = CsvTable.read(runDir.resolve(RunFolder.METRICS));
        int column = metrics.header().indexOf("seconds");
        return metrics.rows().stream().map(r -> Double.parseDouble(r.get(column))).toList();
    }

    private static Path testMetrics(Path runDir) {
        return runDir.resolve("eval-test").resolve(Evaluation.METRICS);
    }
}
