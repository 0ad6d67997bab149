package org.xai4j.dissection;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintStream;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xai4j.cli.Main;
import org.xai4j.report.CsvTable;
import org.xai4j.testing.FiniteDifferences;
import org.xai4j.testing.TinyRuns;
import org.xai4j.train.TrainingRun;

/** {@code xai4j dissect} end to end on a tiny trained run with its epoch checkpoints. */
class DissectCommandTest {
    @BeforeAll
    static void threads() {
        FiniteDifferences.singleThreaded();
    }

    @Test
    void dissectsEveryEpochCheckpointAndWritesUnitsAndSummary(@TempDir Path dir) {
        TrainingRun.Outcome trained = new TrainingRun(TinyRuns.config(2, "train.ui=false",
                "train.keepEpochCheckpoints=true"), dir, "run", null, new PrintStream(PrintStream.nullOutputStream()))
                .execute();
        Path run = trained.folder().dir();
        assertThat(Main.run("dissect", "--run", run.toString(), "--checkpoints", "epoch-*,best", "--layers",
                "last_conv,stage1", "--limit", "12", "--quantile", "0.01")).isZero();
        CsvTable units = CsvTable.read(run.resolve("dissect").resolve(DissectionJob.UNITS));
        assertThat(units.header()).startsWith("checkpoint", "layer", "unit", "threshold", "best_concept", "best_iou",
                "detector").contains("iou_brain", "iou_white_matter", "iou_skull");
        assertThat(units.rows()).extracting(r -> r.get(0)).containsOnly("epoch-1", "epoch-2", "best");
        long perCheckpoint = units.rows().stream().filter(r -> r.get(0).equals("best")).count();
        assertThat(perCheckpoint).isGreaterThan(8);
        assertThat(units.rows()).allSatisfy(r -> assertThat(Double.parseDouble(r.get(5))).isBetween(0.0, 1.0));
        CsvTable summary = CsvTable.read(run.resolve("dissect").resolve(DissectionJob.SUMMARY));
        assertThat(summary.header()).containsExactly("checkpoint", "layer", "concept", "detectors");
        assertThat(run.resolve("dissect").resolve(DissectionJob.PLOT)).isNotEmptyFile();
        assertThat(run.resolve("dissect").resolve(DissectionJob.REPORT)).content().contains("Checkpoint epoch-1",
                "Checkpoint best", "last_conv: ", "the score rests most on unit");

        assertThat(Main.run("dissect", "--run", run.toString(), "--layers", "nowhere")).isEqualTo(2);
        assertThat(Main.run("dissect", "--run", run.toString(), "--layers", "logits")).isEqualTo(2);
        assertThat(Main.run("dissect", "--run", run.toString(), "--quantile", "1.5")).isEqualTo(2);
        assertThat(Main.run("dissect", "--run", dir.resolve("missing").toString())).isEqualTo(2);
    }

    @Test
    void epochCheckpointsThatWereNotKeptAreNamed(@TempDir Path dir) {
        TrainingRun.Outcome trained = new TrainingRun(TinyRuns.config(1, "train.ui=false"), dir, "run", null,
                new PrintStream(PrintStream.nullOutputStream())).execute();
        assertThat(Main.run("dissect", "--run", trained.folder().dir().toString(), "--checkpoints", "epoch-*"))
                .isEqualTo(2);
    }
}
