package org.xai4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xai4j.config.RunConfig;
import org.xai4j.report.CsvTable;
import org.xai4j.run.Checkpoint;
import org.xai4j.run.RunFolder;
import org.xai4j.testing.TinyRuns;

/**
 * Issue 21: a run folder's data cannot be lost or misdescribed by resuming, naming or re-running. Each case is a
 * real training run on disk; each failed on the code before the fix (the resumed config came from the command
 * line, resuming from an earlier checkpoint appended duplicate epochs, an existing folder was overwritten).
 */
class RunSafetyTest {
    private static final PrintStream QUIET = new PrintStream(PrintStream.nullOutputStream());
    @TempDir
    static Path root;
    private static Path run;

    @BeforeAll
    static void trainThreeEpochs() {
        run = new TrainingRun(TinyRuns.config(3, "train.keepEpochCheckpoints=true", "train.ui=false"), root, "base",
                null, QUIET).execute().folder().dir();
    }

    private static Path copyOfRun(String name) throws Exception {
        Path dir = root.resolve(name);
        Files.createDirectories(dir);
        try (var files = Files.list(run)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.copy(f, dir.resolve(f.getFileName()));
            }
        }
        return dir;
    }

    @Test
    void aResumedRunTakesItsOwnConfigAndRefusesChangesThatWouldMakeItAnotherRun() throws Exception {
        Path last = run.resolve(RunFolder.LAST);
        RunConfig resumed = Resume.config(last, null, List.of("train.epochs=5"));
        RunConfig own = org.xai4j.config.ConfigLoader.load(run.resolve(RunFolder.CONFIG), RunConfig.class, List.of());
        assertThat(resumed.train().epochs()).isEqualTo(5);
        assertThat(resumed.data()).isEqualTo(own.data());
        assertThat(resumed.model()).isEqualTo(own.model());
        assertThatThrownBy(() -> Resume.config(last, null, List.of("model.architecture=vgg11")))
                .hasMessageContaining("--set model.architecture: a resumed run cannot change it");
        assertThatThrownBy(() -> Resume.config(last, null, List.of("data.source=csv")))
                .hasMessageContaining("--set data.source");
        assertThatThrownBy(() -> Resume.config(last, Path.of("configs/quickstart.yaml"), List.of()))
                .hasMessageContaining("--config: a resumed run continues with its own configuration");
    }

    @Test
    void aCheckpointOfAnotherArchitectureRefusesToLoadNamingBoth() throws Exception {
        Path dir = copyOfRun("arch");
        RunConfig vgg = TinyRuns.config(5, "model.architecture=vgg11", "model.blocks=null");
        byte[] config = Files.readAllBytes(dir.resolve(RunFolder.CONFIG));
        assertThatThrownBy(() -> new TrainingRun(vgg, root, null, dir.resolve(RunFolder.LAST), QUIET).execute())
                .hasMessageContaining("holds resnet18").hasMessageContaining("asks for vgg11");
        assertThat(Files.readAllBytes(dir.resolve(RunFolder.CONFIG))).isEqualTo(config);
    }

    @Test
    void resumingWithNoEpochsLeftIsAnErrorAndRewritesNothing() throws Exception {
        Path dir = copyOfRun("done");
        byte[] config = Files.readAllBytes(dir.resolve(RunFolder.CONFIG));
        byte[] metrics = Files.readAllBytes(dir.resolve(RunFolder.METRICS));
        RunConfig same = Resume.config(dir.resolve(RunFolder.LAST), null, List.of());
        assertThatThrownBy(() -> new TrainingRun(same, root, null, dir.resolve(RunFolder.LAST), QUIET).execute())
                .hasMessageContaining("train.epochs: 3").hasMessageContaining("already completed epoch 3")
                .hasMessageContaining("--set train.epochs=4");
        assertThat(Files.readAllBytes(dir.resolve(RunFolder.CONFIG))).isEqualTo(config);
        assertThat(Files.readAllBytes(dir.resolve(RunFolder.METRICS))).isEqualTo(metrics);
    }

    @Test
    void resumingFromAnEarlierCheckpointInPlaceIsRefusedAndInANewFolderKeepsOneRowPerEpoch() throws Exception {
        Path dir = copyOfRun("branch");
        Path epoch1 = dir.resolve("epoch-1.ckpt");
        RunConfig config = Resume.config(epoch1, null, List.of());
        byte[] last = Files.readAllBytes(dir.resolve(RunFolder.LAST));
        assertThatThrownBy(() -> new TrainingRun(config, root, null, epoch1, QUIET).execute())
                .hasMessageContaining("stands at epoch 1 but its run went on to epoch 3")
                .hasMessageContaining("--name NEW");
        assertThat(Files.readAllBytes(dir.resolve(RunFolder.LAST))).isEqualTo(last);

        Path branch = new TrainingRun(config, root, "branch2", epoch1, QUIET).execute().folder().dir();
        CsvTable metrics = CsvTable.read(branch.resolve(RunFolder.METRICS));
        assertThat(metrics.rows()).extracting(r -> r.get(0)).containsExactly("1", "2", "3");
        assertThat(Checkpoint.readState(branch.resolve(RunFolder.LAST)).epoch()).isEqualTo(3);
        assertThat(branch.resolve(RunFolder.BEST)).exists();
        // the source run is untouched
        assertThat(CsvTable.read(dir.resolve(RunFolder.METRICS)).rows()).hasSize(3);
    }

    @Test
    void resumingInPlaceDropsRowsWrittenAfterItsCheckpointAndStaleTemporaryFiles() throws Exception {
        Path dir = copyOfRun("killed");
        // a kill after epoch 3's metrics row but before its checkpoint: last.ckpt still stands at epoch 2
        Files.copy(dir.resolve("epoch-2.ckpt"), dir.resolve(RunFolder.LAST), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Path stale = dir.resolve(".last.ckpt.123456789.tmp");
        Files.write(stale, new byte[0]);
        RunConfig config = Resume.config(dir.resolve(RunFolder.LAST), null, List.of());
        new TrainingRun(config, root, null, dir.resolve(RunFolder.LAST), QUIET).execute();
        assertThat(CsvTable.read(dir.resolve(RunFolder.METRICS)).rows()).extracting(r -> r.get(0))
                .containsExactly("1", "2", "3");
        assertThat(stale).doesNotExist();
    }

    @Test
    void anExistingFolderIsNeverOverwrittenWithoutOverwrite() throws Exception {
        Path dir = root.resolve("taken");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("notes.txt"), "mine");
        RunConfig config = TinyRuns.config(1, "train.ui=false");
        assertThatThrownBy(() -> new TrainingRun(config, root, "taken", null, QUIET).execute())
                .hasMessageContaining("run folder " + dir + " already exists").hasMessageContaining("--overwrite");
        assertThat(dir.resolve("notes.txt")).hasContent("mine");
        assertThatThrownBy(() -> new TrainingRun(config, root, "base", null, QUIET).execute())
                .hasMessageContaining("holds a run: continue it with --resume");
        new TrainingRun(config, root, "taken", null, true, QUIET).execute();
        assertThat(dir.resolve("notes.txt")).doesNotExist();
        assertThat(dir.resolve(RunFolder.LAST)).exists();
    }

    @Test
    void aRunNameMustBeOneFolderName() {
        RunConfig config = TinyRuns.config(1, "train.ui=false");
        boolean existedBefore = Files.exists(root.getParent().resolve("x"));
        for (String name : new String[] {"../../x", "..", "a/b", root.resolve("abs").toString(), ".hidden"}) {
            assertThatThrownBy(() -> new TrainingRun(config, root, name, null, QUIET).execute()).as(name)
                    .hasMessageContaining("--name: only letters, digits");
        }
        if (!existedBefore) {
            assertThat(root.getParent().resolve("x")).doesNotExist();
        }
    }

    @Test
    void aTruncatedCheckpointIsBadInputNamingTheFile() throws Exception {
        Path dir = copyOfRun("truncated");
        Path last = dir.resolve(RunFolder.LAST);
        byte[] bytes = Files.readAllBytes(last);
        Files.write(last, Arrays.copyOf(bytes, bytes.length / 2));
        assertThatThrownBy(() -> Checkpoint.load(last)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("checkpoint " + last + " is truncated or damaged");
    }
}
