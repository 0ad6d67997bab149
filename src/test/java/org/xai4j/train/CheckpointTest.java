package org.xai4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.config.RunConfig;
import org.xai4j.data.DataSources;
import org.xai4j.data.SampleSet;
import org.xai4j.model.Mode;
import org.xai4j.model.ModelAdapter;
import org.xai4j.run.Checkpoint;
import org.xai4j.run.RunFolder;
import org.xai4j.testing.TinyRuns;

class CheckpointTest {
    private static final PrintStream QUIET = new PrintStream(PrintStream.nullOutputStream());

    @Test
    void savedAndLoadedModelsGiveIdenticalOutputsAndState(@TempDir Path dir) {
        RunConfig config = TinyRuns.config(1);
        SampleSet data = DataSources.load(config.data(), dir);
        TrainingRun.Outcome run = new TrainingRun(config, dir, "a", null, QUIET).execute(data);
        Checkpoint last = Checkpoint.load(run.result().last());
        Path copy = dir.resolve("copy.ckpt");
        last.save(copy);
        Checkpoint again = Checkpoint.load(copy);

        INDArray x = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 4, 1, 32, 32);
        INDArray a = new ModelAdapter(last.classifier()).logits(x, Mode.INFERENCE);
        INDArray b = new ModelAdapter(again.classifier()).logits(x, Mode.INFERENCE);
        assertThat(b.equals(a)).isTrue();
        assertThat(again.state()).isEqualTo(last.state());
        assertThat(again.classifier().description()).isEqualTo(last.classifier().description());
        assertThat(again.classifier().graph().getUpdater().getStateViewArray())
                .isEqualTo(last.classifier().graph().getUpdater().getStateViewArray());
        assertThat(last.state().epoch()).isEqualTo(1);
        assertThat(last.state().iteration()).isEqualTo(4); // 64 images / batch 16
    }

    @Test
    void resumingFromACheckpointContinuesExactlyAsAnUninterruptedRun(@TempDir Path dir) {
        SampleSet data = DataSources.load(TinyRuns.config(2).data(), dir);
        TrainingRun.Outcome straight = new TrainingRun(TinyRuns.config(2), dir, "straight", null, QUIET).execute(data);
        TrainingRun.Outcome first = new TrainingRun(TinyRuns.config(1), dir, "first", null, QUIET).execute(data);
        TrainingRun.Outcome resumed = new TrainingRun(TinyRuns.config(2), dir, "resumed", first.result().last(), QUIET)
                .execute(data);

        INDArray expected = Checkpoint.load(straight.result().last()).classifier().graph().params();
        INDArray actual = Checkpoint.load(resumed.result().last()).classifier().graph().params();
        assertThat(resumed.result().epochs()).hasSize(1);
        assertThat(resumed.result().state().epoch()).isEqualTo(2);
        assertThat(actual.equals(expected)).as("bit-identical parameters after resume").isTrue();
        assertThat(resumed.folder().resolve(RunFolder.BEST)).as("the previous best is carried over").exists();
    }

    @Test
    void resumingWithoutANameContinuesInTheSameRunFolder(@TempDir Path dir) {
        SampleSet data = DataSources.load(TinyRuns.config(1).data(), dir);
        TrainingRun.Outcome first = new TrainingRun(TinyRuns.config(1), dir, "run", null, QUIET).execute(data);
        TrainingRun.Outcome more = new TrainingRun(TinyRuns.config(2), dir, null, first.result().last(), QUIET)
                .execute(data);
        assertThat(more.folder().dir()).isEqualTo(first.folder().dir().toAbsolutePath());
        var rows = org.xai4j.report.CsvTable.read(first.folder().resolve(RunFolder.METRICS)).rows();
        assertThat(rows).extracting(r -> r.get(0)).containsExactly("1", "2");
    }

    @Test
    void loadingSomethingElseNamesTheFile(@TempDir Path dir) throws Exception {
        Path bogus = dir.resolve("bogus.ckpt");
        Files.writeString(bogus, "not a zip");
        assertThatThrownBy(() -> Checkpoint.load(bogus)).hasMessageContaining(bogus.toString());
        assertThatThrownBy(() -> Checkpoint.load(dir.resolve("missing.ckpt")))
                .hasMessageContaining("missing.ckpt").hasMessageContaining("not found");
    }
}
