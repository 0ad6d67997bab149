package org.xai4j.adversarial;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintStream;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.config.RunConfig;
import org.xai4j.data.DataSources;
import org.xai4j.data.SampleSet;
import org.xai4j.report.CsvTable;
import org.xai4j.run.Checkpoint;
import org.xai4j.run.RunFolder;
import org.xai4j.testing.FiniteDifferences;
import org.xai4j.testing.TinyRuns;
import org.xai4j.train.TrainingRun;
import org.xai4j.train.WarmStart;

/** Adversarial training through {@code xai4j train}: repeatable runs, resume, warm start. */
class AdversarialTrainingTest {
    private static final PrintStream QUIET = new PrintStream(PrintStream.nullOutputStream());

    @BeforeAll
    static void threads() {
        FiniteDifferences.singleThreaded();
    }

    private static RunConfig config(int epochs, String... more) {
        String[] base = {"train.ui=false", "train.adversarial.mode=madry", "train.adversarial.attack.steps=2"};
        String[] all = java.util.stream.Stream.concat(java.util.Arrays.stream(base), java.util.Arrays.stream(more))
                .toArray(String[]::new);
        return TinyRuns.config(epochs, all);
    }

    private static INDArray params(Path checkpoint) {
        return Checkpoint.load(checkpoint).classifier().graph().params();
    }

    @Test
    void pgdTrainingRepeatsBitForBitAndResumesExactly(@TempDir Path dir) {
        SampleSet data = DataSources.load(config(2).data(), dir);
        TrainingRun.Outcome a = new TrainingRun(config(2), dir, "a", null, QUIET).execute(data);
        TrainingRun.Outcome first = new TrainingRun(config(1), dir, "first", null, QUIET).execute(data);
        TrainingRun.Outcome resumed = new TrainingRun(config(2), dir, "resumed", first.result().last(), QUIET)
                .execute(data);
        assertThat(params(resumed.result().last())).as("resume = uninterrupted run").isEqualTo(params(a.result().last()));
        TrainingRun.Outcome clean = new TrainingRun(TinyRuns.config(2, "train.ui=false"), dir, "clean", null, QUIET)
                .execute(data);
        assertThat(params(clean.result().last())).as("the attack changes training").isNotEqualTo(params(a.result().last()));
    }

    @Test
    void warmStartTrainsCleanInASubFolderThenContinuesAdversarially(@TempDir Path dir) {
        RunConfig config = config(1, "train.adversarial.mode=mixed", "train.adversarial.attack.method=fgsm",
                "train.adversarial.attack.norm=linf", "train.adversarial.warmStart.epochs=2");
        SampleSet data = DataSources.load(config.data(), dir);
        TrainingRun.Outcome run = new TrainingRun(config, dir, "warm", null, QUIET).execute(data);
        Path warmup = run.folder().resolve(WarmStart.FOLDER);
        assertThat(CsvTable.read(warmup.resolve(RunFolder.METRICS)).rows()).hasSize(2);
        assertThat(CsvTable.read(run.folder().resolve(RunFolder.METRICS)).rows()).hasSize(1);
        Checkpoint last = Checkpoint.load(run.result().last());
        assertThat(last.state().epoch()).isEqualTo(1);
        assertThat(last.state().iteration()).as("8 clean + 4 adversarial updates").isEqualTo(12);
        assertThat(last.state().bestEpoch()).as("best tracking restarts with the adversarial phase").isEqualTo(1);
        // the clean phase alone is the same as a clean run of 2 epochs
        TrainingRun.Outcome clean = new TrainingRun(TinyRuns.config(2, "train.ui=false"), dir, "clean", null, QUIET)
                .execute(data);
        assertThat(params(warmup.resolve("last.ckpt"))).isEqualTo(params(clean.result().last()));
    }
}
