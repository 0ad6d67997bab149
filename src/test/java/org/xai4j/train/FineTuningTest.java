package org.xai4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.xai4j.config.ConfigLoader;
import org.xai4j.config.RunConfig;
import org.xai4j.data.DataSources;
import org.xai4j.data.SampleSet;
import org.xai4j.model.Classifier;
import org.xai4j.model.ModelAdapter;
import org.xai4j.run.Checkpoint;
import org.xai4j.run.RunFolder;
import org.xai4j.testing.TinyRuns;

/** Fine-tuning from a checkpoint with frozen layer groups (Margeloiu et al. 2020's robust fine-tuning). */
class FineTuningTest {
    private static final PrintStream QUIET = new PrintStream(PrintStream.nullOutputStream());
    private static final List<String> FROZEN = List.of("stem+stage1", "stage2", "stage3");

    private static INDArray slice(INDArray params, long[] r) {
        return params.reshape(params.length()).get(NDArrayIndex.interval(r[0], r[0] + r[1])).dup();
    }

    @Test
    void frozenGroupsKeepTheirParametersAndBatchNormStatisticsBitIdenticalWhileTheRestTrains(@TempDir Path dir) {
        SampleSet data = DataSources.load(TinyRuns.config(1).data(), dir);
        TrainingRun.Outcome source = new TrainingRun(TinyRuns.config(1, "train.ui=false"), dir, "source", null, QUIET)
                .execute(data);
        RunConfig ft = TinyRuns.config(2, "train.ui=false", "train.finetune.from=" + source.result().last(),
                "train.finetune.freeze=[stem+stage1, stage2, stage3]", "train.optimizer=sgd", "train.lr=0.05",
                "train.weightDecay=0.01", "train.earlyStopping.metric=val_loss", "train.earlyStopping.patience=10",
                "train.schedule.type=plateau", "train.schedule.patience=5", "model.widthMultiplier=0.5");
        TrainingRun.Outcome tuned = new TrainingRun(ft, dir, "tuned", null, QUIET).execute(data);

        Classifier before = Checkpoint.load(source.result().last()).classifier();
        Checkpoint after = Checkpoint.load(tuned.result().last());
        assertThat(after.state().epoch()).isEqualTo(2);
        assertThat(after.state().iteration()).as("a new run, not a resume").isEqualTo(8);
        FrozenGroups frozen = FrozenGroups.of(before.description(), FROZEN);
        List<long[]> ranges = frozen.parameterRanges(before.graph());
        List<long[]> stats = new ModelAdapter(before).runningStatisticsRanges();
        long frozenStats = stats.stream().filter(s -> ranges.stream().anyMatch(r -> s[0] >= r[0] && s[0] < r[0] + r[1]))
                .count();
        assertThat(frozenStats).as("frozen BatchNorm layers").isGreaterThan(2);
        INDArray p0 = before.graph().params();
        INDArray p1 = after.classifier().graph().params();
        for (long[] r : ranges) {
            assertThat(slice(p1, r)).as("frozen entries %d..%d", r[0], r[0] + r[1]).isEqualTo(slice(p0, r));
        }
        for (long[] s : stats) {
            boolean isFrozen = ranges.stream().anyMatch(r -> s[0] >= r[0] && s[0] < r[0] + r[1]);
            if (!isFrozen) {
                assertThat(slice(p1, s)).as("running statistics of trained BatchNorm layers move").isNotEqualTo(slice(p0, s));
            }
        }
        assertThat(p1.equals(p0)).as("the unfrozen groups train").isFalse();
        assertThat(ranges.get(0)[0]).as("the stem's first convolution is frozen").isZero();
        RunConfig written = ConfigLoader.load(tuned.folder().resolve(RunFolder.CONFIG), RunConfig.class, List.of());
        assertThat(written.model()).as("the run records the checkpoint's architecture").isEqualTo(before.description()
                .options());
        assertThat(written.train().finetune().freeze()).isEqualTo(FROZEN);
    }

    @Test
    void badGroupsAndMismatchedCheckpointsAreClearErrors(@TempDir Path dir) {
        SampleSet data = DataSources.load(TinyRuns.config(1).data(), dir);
        TrainingRun.Outcome source = new TrainingRun(TinyRuns.config(1, "train.ui=false"), dir, "source", null, QUIET)
                .execute(data);
        String from = "train.finetune.from=" + source.result().last();
        assertThatThrownBy(() -> new TrainingRun(TinyRuns.config(1, from, "train.finetune.freeze=[stage9]"), dir, "x",
                null, QUIET).execute(data)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("finetune.freeze: unknown layer group 'stage9' for resnet18 (groups: stem+stage1, stage2, "
                        + "stage3, stage4, head)");
        assertThatThrownBy(() -> new TrainingRun(TinyRuns.config(1, from,
                "train.finetune.freeze=[stem+stage1, stage2, stage3, stage4, head]"), dir, "y", null, QUIET)
                .execute(data)).hasMessageContaining("freezes every layer group");
        SampleSet bigger = DataSources.load(TinyRuns.config(1, "data.synthetic.size=48").data(), dir);
        assertThatThrownBy(() -> new TrainingRun(TinyRuns.config(1, from, "data.synthetic.size=48"), dir, "z", null,
                QUIET).execute(bigger)).hasMessageStartingWith("finetune.from: ").hasMessageContaining("1x48x48");
        assertThatThrownBy(() -> new TrainingRun(TinyRuns.config(1, "train.finetune.from=" + dir.resolve("none.ckpt")),
                dir, "w", null, QUIET).execute(data)).hasMessageStartingWith("finetune.from: ")
                .hasMessageContaining("not found");
    }
}
