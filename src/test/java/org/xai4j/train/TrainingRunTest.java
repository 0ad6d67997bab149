package org.xai4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintStream;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xai4j.report.CsvTable;
import org.xai4j.run.RunFolder;
import org.xai4j.testing.TinyRuns;

class TrainingRunTest {
    private static final PrintStream QUIET = new PrintStream(PrintStream.nullOutputStream());

    @Test
    void multiLabelRunWritesOneMetricRowPerFindingAndTheRunFolder(@TempDir Path dir) {
        TrainingRun.Outcome run = new TrainingRun(TinyRuns.config(2, "data.synthetic.multiLabel=true",
                "data.synthetic.pathologies=[tumor,ms]", "train.beta=dataset"), dir, "ml", null, QUIET).execute();
        RunFolder f = run.folder();
        for (String file : new String[] {RunFolder.CONFIG, RunFolder.PROVENANCE, RunFolder.METRICS, RunFolder.BEST,
                RunFolder.LAST, UiStatsListener.FILE, "eval-test/roc.png", "eval-test/scores.csv", "eval-test/metrics.csv"}) {
            assertThat(f.resolve(file)).as(file).exists();
        }
        CsvTable metrics = CsvTable.read(f.resolve(RunFolder.METRICS));
        assertThat(metrics.header()).containsSubsequence("epoch", "lr", "train_wbce", "train_loss", "val_loss", "val_auc");
        assertThat(metrics.rows()).hasSize(2);
        CsvTable eval = CsvTable.read(f.resolve("eval-test/metrics.csv"));
        assertThat(eval.rows()).extracting(r -> r.get(0)).containsExactly("tumor", "ms", "macro");
        CsvTable scores = CsvTable.read(f.resolve("eval-test/scores.csv"));
        assertThat(scores.header()).containsExactly("id", "label_tumor", "label_ms", "score_tumor", "score_ms");
        assertThat(scores.rows()).hasSize(32);
        assertThat(run.test().report().perClass()).hasSize(2);
    }

    @Test
    void softmaxCrossEntropyOnBinaryLabelsIsRefusedBeforeTraining(@TempDir Path dir) {
        assertThatThrownBy(() -> new TrainingRun(TinyRuns.config(1, "train.loss=softmax-ce"), dir, "ce", null, QUIET)
                .execute()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("train.loss").hasMessageContaining("multi-class");
        assertThat(dir.resolve("ce")).doesNotExist();
    }
}
