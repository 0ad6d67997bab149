package org.xai4j.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xai4j.data.Split;
import org.xai4j.train.Evaluation;
import org.xai4j.train.TrainingRun;
import org.xai4j.testing.TinyRuns;

/** Opening a trained run: checkpoint choices, the errors a user sees, and outputs kept apart per checkpoint. */
class TrainedRunTest {
    @TempDir
    static Path root;
    private static Path run;

    @BeforeAll
    static void train() {
        PrintStream quiet = new PrintStream(PrintStream.nullOutputStream());
        run = new TrainingRun(TinyRuns.config(2, "train.keepEpochCheckpoints=true", "train.ui=false"), root, "r", null,
                quiet).execute().folder().dir();
    }

    @Test
    void resolvesBestLastAndEveryKeptEpoch() {
        for (String c : new String[] {"best", "last", "epoch-1", "epoch-2"}) {
            TrainedRun r = TrainedRun.open(run, c);
            assertThat(r.choice().label()).isEqualTo(c);
            assertThat(r.config().name()).isEqualTo("tiny");
        }
        assertThat(TrainedRun.open(run, "epoch-1").state().epoch()).isEqualTo(1);
        assertThat(TrainedRun.open(run, "last").state().epoch()).isEqualTo(2);
    }

    @Test
    void refusesUnknownChoicesMissingEpochsAndFoldersWithOneMessageEach() {
        assertThatThrownBy(() -> TrainedRun.open(run, "latest")).hasMessageContaining("--checkpoint: unknown 'latest'")
                .hasMessageContaining(CheckpointChoice.ALLOWED);
        assertThatThrownBy(() -> TrainedRun.open(run, "epoch-0")).hasMessageContaining("unknown 'epoch-0'");
        assertThatThrownBy(() -> TrainedRun.open(run, "epoch-9")).hasMessageContaining("has no epoch-9.ckpt")
                .hasMessageContaining("keepEpochCheckpoints");
        assertThatThrownBy(() -> TrainedRun.open(root.resolve("nope"), "best"))
                .hasMessageContaining("run folder " + root.resolve("nope") + " not found");
    }

    @Test
    void evaluatingAnotherCheckpointWritesItsOwnFolderAndSaysWhichItScored() throws Exception {
        Path best = run.resolve("eval-val/metrics.csv");
        String bestBefore = Evaluation.ofRun(run, "best", Split.VAL).describe();
        byte[] bestMetrics = Files.readAllBytes(best);
        Evaluation.Summary last = Evaluation.ofRun(run, "last", Split.VAL);
        assertThat(last.dir()).isEqualTo(run.resolve("eval-val-last"));
        assertThat(last.describe()).startsWith("checkpoint last, val split");
        assertThat(bestBefore).startsWith("checkpoint best, val split");
        assertThat(Files.readAllBytes(best)).isEqualTo(bestMetrics);
        assertThat(run.resolve("eval-val-last/metrics.csv")).exists();
    }
}
