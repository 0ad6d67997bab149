package org.xai4j.tune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xai4j.config.ConfigException;
import org.xai4j.config.ConfigLoader;
import org.xai4j.config.RunConfig;
import org.xai4j.report.CsvTable;
import org.xai4j.run.RunFolder;
import org.xai4j.testing.TinyRuns;

/** {@code xai4j tune} end to end on tiny real training runs: trials, outputs, resume, divergence, bad input. */
class TuneJobTest {
    private static final PrintStream QUIET = new PrintStream(PrintStream.nullOutputStream());

    private static Path base(Path dir, int epochs) throws Exception {
        Path file = dir.resolve("base.yaml");
        Files.writeString(file, TinyRuns.yaml(epochs) + "  ui: false\n");
        return file;
    }

    private static Path space(Path dir, String yaml) throws Exception {
        Path file = dir.resolve("space.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    private static TuneJob.Request request(Path base, Path space, Path checkpoints, String name) {
        return new TuneJob.Request(base, List.of(), space, null, null, name, checkpoints, null);
    }

    @Test
    void aSpaceOverATinyModelRunsThreeTrialsEndToEnd(@TempDir Path dir) throws Exception {
        Path space = space(dir, """
                trials: 3
                objective: {weights: {val_auc: 1, val_dice: 0.5}, attribution: grad}
                parameters:
                  train.lr: log(1e-3, 1e-2)
                  train.batchSize: int(8, 16)
                  train.optimizer: [adam, sgd]
                """);
        TuneJob.Result result = TuneJob.run(request(base(dir, 2), space, dir.resolve("ck"), "s"), QUIET);

        assertThat(result.trials()).hasSize(3).allMatch(t -> t.status() == Trial.Status.DONE, "done");
        Path folder = dir.resolve("ck/s");
        CsvTable trials = CsvTable.read(folder.resolve("trials.csv"));
        assertThat(trials.header()).containsSubsequence("trial", "status", "objective", "val_auc", "val_dice",
                "train.lr", "train.batchSize", "train.optimizer", "seconds");
        assertThat(trials.rows()).hasSize(3);
        assertThat(folder.resolve("objective-vs-parameters.png")).isNotEmptyFile();
        for (Trial t : result.trials()) {
            // the trial trained the values it reports, in a normal run folder
            RunConfig c = ConfigLoader.load(folder.resolve(Trial.folderName(t.number())).resolve(RunFolder.CONFIG),
                    RunConfig.class, List.of());
            assertThat(c.train().lr()).isEqualTo(Double.parseDouble(t.parameters().get("train.lr")));
            assertThat(c.train().lr()).isBetween(1e-3, 1e-2);
            assertThat(c.train().batchSize()).isEqualTo(Integer.parseInt(t.parameters().get("train.batchSize")))
                    .isBetween(8, 16);
            assertThat(c.train().optimizer().name().toLowerCase()).isEqualTo(t.parameters().get("train.optimizer"));
            assertThat(t.terms().get("val_dice")).isBetween(0.0, 1.0);
            assertThat(t.objective()).isCloseTo(t.terms().get("val_auc") + 0.5 * t.terms().get("val_dice"),
                    within(1e-12));
            // the test split is never evaluated while tuning
            assertThat(folder.resolve(Trial.folderName(t.number())).resolve("eval-test")).doesNotExist();
        }
        Trial best = result.best().orElseThrow();
        assertThat(best.objective()).isEqualTo(result.trials().stream().mapToDouble(Trial::objective).max()
                .orElseThrow());
        RunConfig bestConfig = ConfigLoader.load(folder.resolve("best.yaml"), RunConfig.class, List.of());
        assertThat(bestConfig.train().lr()).isEqualTo(Double.parseDouble(best.parameters().get("train.lr")));
    }

    @Test
    void everyStepKindIsSearchedThroughTheTrainingRun(@TempDir Path dir) throws Exception {
        Path base = base(dir, 1);
        Path ck = dir.resolve("ck");
        TuneJob.Result constrained = TuneJob.run(new TuneJob.Request(base, List.of("train.constraint.enabled=true"),
                space(dir, "parameters:\n  train.constraint.lambda: log(1e-3, 1e-1)\n"), 1, null, "c", ck, null),
                QUIET);
        TuneJob.Result adversarial = TuneJob.run(new TuneJob.Request(base, List.of("train.adversarial.mode=madry",
                "train.adversarial.attack.method=pgd", "train.adversarial.attack.steps=2"),
                space(dir, "parameters:\n  train.adversarial.attack.epsilon: uniform(0.01, 0.05)\n"), 1, null, "a",
                ck, null), QUIET);
        Path from = ck.resolve("c/trial-001").resolve(RunFolder.BEST);
        TuneJob.Result finetuned = TuneJob.run(new TuneJob.Request(base, List.of("train.finetune.from=" + from),
                space(dir, "parameters:\n  train.finetune.freeze: [[stem+stage1], [stem+stage1, stage2]]\n"), 1,
                null, "f", ck, null), QUIET);

        for (TuneJob.Result r : List.of(constrained, adversarial, finetuned)) {
            assertThat(r.trials()).singleElement().satisfies(t -> assertThat(t.status()).as(t.message())
                    .isEqualTo(Trial.Status.DONE));
        }
        // the constrained trial logged its constraint term; the others trained what they were asked to
        assertThat(CsvTable.read(ck.resolve("c/trial-001").resolve(RunFolder.METRICS)).header())
                .contains("train_constraint");
        RunConfig a = ConfigLoader.load(ck.resolve("a/trial-001").resolve(RunFolder.CONFIG), RunConfig.class,
                List.of());
        assertThat(a.train().adversarial().enabled()).isTrue();
        RunConfig f = ConfigLoader.load(ck.resolve("f/trial-001").resolve(RunFolder.CONFIG), RunConfig.class,
                List.of());
        assertThat(f.train().finetune().freeze()).isNotEmpty();
    }

    @Test
    void aKilledSearchResumesWithoutRedoingFinishedTrials(@TempDir Path dir) throws Exception {
        Path space = space(dir, """
                trials: 2
                parameters:
                  train.lr: log(1e-3, 1e-2)
                """);
        TuneJob.Result first = TuneJob.run(request(base(dir, 1), space, dir.resolve("ck"), "r"), QUIET);
        Path folder = dir.resolve("ck/r");
        Path best1 = folder.resolve("trial-001").resolve(RunFolder.BEST);
        long trained1 = Files.getLastModifiedTime(best1).toMillis();
        // a kill during trial 2: its folder has checkpoints but no trial record
        Files.delete(folder.resolve("trial-002").resolve(Trial.FILE));

        ByteArrayOutputStream log = new ByteArrayOutputStream();
        TuneJob.Result resumed = TuneJob.run(new TuneJob.Request(null, List.of(), null, 3, null, null,
                dir.resolve("ck"), folder), new PrintStream(log, true, StandardCharsets.UTF_8));

        assertThat(resumed.trials()).extracting(Trial::number).containsExactly(1, 2, 3);
        assertThat(Files.getLastModifiedTime(best1).toMillis()).isEqualTo(trained1);
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("trial 1: done before")
                .doesNotContain("trial 2: done before").contains("== trial 2:").contains("== trial 3:");
        // the seeded generator draws the same candidates again
        for (int i = 0; i < 2; i++) {
            assertThat(resumed.trials().get(i).parameters()).isEqualTo(first.trials().get(i).parameters());
        }
        assertThat(CsvTable.read(folder.resolve("trials.csv")).rows()).hasSize(3);
    }

    @Test
    void aDivergingTrialIsRecordedAndTheSearchGoesOn(@TempDir Path dir) throws Exception {
        Path space = space(dir, """
                search: grid
                parameters:
                  train.lr: [9.0, 0.003]
                """);
        TuneJob.Result result = TuneJob.run(new TuneJob.Request(base(dir, 2), List.of("train.optimizer=sgd"), space,
                null, null, "d", dir.resolve("ck"), null), QUIET);

        assertThat(result.trials()).extracting(Trial::status).containsExactly(Trial.Status.DIVERGED,
                Trial.Status.DONE);
        assertThat(result.trials().get(0).message()).contains("training diverged");
        assertThat(result.best().orElseThrow().number()).isEqualTo(2);
        assertThat(CsvTable.read(dir.resolve("ck/d/trials.csv")).rows()).extracting(r -> r.get(1))
                .containsExactly("diverged", "done");
    }

    @Test
    void medianPruningStopsATrialBelowTheEarlierTrialsAndTheLoopHonoursIt(@TempDir Path dir) throws Exception {
        Path space = space(dir, """
                search: grid
                prune: {afterEpochs: 1, minTrials: 1}
                parameters:
                  train.lr: [0.003, 1.0e-12]
                """);
        TuneJob.Result first = TuneJob.run(new TuneJob.Request(base(dir, 3), List.of(), space, 1, null, "p",
                dir.resolve("ck"), null), QUIET);
        Trial good = first.trials().get(0);
        assertThat(good.status()).isEqualTo(Trial.Status.DONE);
        assertThat(good.curve()).hasSize(3).allMatch(v -> v >= 0 && v <= 1);
        // make the earlier trial one no other can match (validation AUC 1 at every epoch), then go on
        Path folder = dir.resolve("ck/p");
        new Trial(good.number(), good.status(), 1.0, good.terms(), good.parameters(), good.seconds(), good.epochs(),
                good.bestEpoch(), List.of(1.0, 1.0, 1.0), "").write(folder.resolve("trial-001"));
        TuneJob.Result result = TuneJob.run(new TuneJob.Request(null, List.of(), null, 2, null, null,
                dir.resolve("ck"), folder), QUIET);

        Trial hopeless = result.trials().get(1);
        assertThat(hopeless.status()).isEqualTo(Trial.Status.PRUNED);
        assertThat(hopeless.message()).contains("after epoch 1").contains("below the median 1.0000");
        // the training loop stopped after that epoch: one epoch trained, one metrics row, checkpoints kept
        assertThat(hopeless.epochs()).isEqualTo(1);
        assertThat(CsvTable.read(folder.resolve("trial-002").resolve(RunFolder.METRICS)).rows()).hasSize(1);
        assertThat(folder.resolve("trial-002").resolve(RunFolder.LAST)).exists();
        assertThat(result.best().orElseThrow().number()).isEqualTo(1);
    }

    @Test
    void badSpacesAreRefusedBeforeAnythingIsWritten(@TempDir Path dir) throws Exception {
        Path base = base(dir, 1);
        Path ck = dir.resolve("ck");
        assertThatThrownBy(() -> TuneJob.run(request(base, space(dir, "parameters:\n  train.lrr: log(1e-3, 1)"), ck,
                "a"), QUIET)).isInstanceOf(ConfigException.class).hasMessageContaining("lrr");
        assertThatThrownBy(() -> TuneJob.run(request(base, space(dir, "parameters:\n  train.lr: log(0, 1)"), ck,
                "a"), QUIET)).hasMessageContaining("parameters.train.lr").hasMessageContaining("a > 0");
        assertThatThrownBy(() -> TuneJob.run(request(base, space(dir, "parameters:\n  train.lr: between(1, 2)"), ck,
                "a"), QUIET)).hasMessageContaining("parameters.train.lr").hasMessageContaining("log(a, b)");
        assertThatThrownBy(() -> TuneJob.run(request(base, space(dir, "parameters:\n  train.batchSize: int(0, 4)"),
                ck, "a"), QUIET)).isInstanceOf(ConfigException.class).hasMessageContaining("batchSize");
        assertThatThrownBy(() -> TuneJob.run(request(base, space(dir, "triels: 3\nparameters: {train.lr: [0.1]}"), ck,
                "a"), QUIET)).isInstanceOf(ConfigException.class).hasMessageContaining("triels");
        assertThatThrownBy(() -> TuneJob.run(request(base, space(dir, "parameters: {}"), ck, "a"), QUIET))
                .hasMessageContaining("at least one config key");
        assertThatThrownBy(() -> TuneJob.run(new TuneJob.Request(base, List.of("train.lr=0.1"),
                space(dir, "parameters: {train.lr: [0.1, 0.2]}"), null, null, "a", ck, null), QUIET))
                .hasMessageContaining("searched and also set by --set train.lr=0.1");
        assertThatThrownBy(() -> TuneJob.run(request(base, dir.resolve("missing.yaml"), ck, "a"), QUIET))
                .hasMessageContaining("missing.yaml").hasMessageContaining("not found");
        assertThatThrownBy(() -> TuneJob.run(request(base, space(dir, "objective: {weights: {val_acc: 1}}\n"
                + "parameters: {train.lr: [0.1]}"), ck, "a"), QUIET)).hasMessageContaining("val_acc");
        assertThat(ck.resolve("a")).doesNotExist();
        assertThatThrownBy(() -> TuneJob.run(new TuneJob.Request(null, List.of(), null, null, null, null, ck,
                dir.resolve("nowhere")), QUIET)).hasMessageContaining("not a search folder");
    }

    @Test
    void anExistingSearchFolderIsNotReusedWithoutResume(@TempDir Path dir) throws Exception {
        Path space = space(dir, "trials: 1\nparameters: {train.lr: [0.003]}");
        Path base = base(dir, 1);
        TuneJob.run(request(base, space, dir.resolve("ck"), "x"), QUIET);
        assertThatThrownBy(() -> TuneJob.run(request(base, space, dir.resolve("ck"), "x"), QUIET))
                .hasMessageContaining("already exists").hasMessageContaining("--resume");
        assertThatThrownBy(() -> TuneJob.run(new TuneJob.Request(null, List.of(), space, null, null, null,
                dir.resolve("ck"), dir.resolve("ck/x")), QUIET)).hasMessageContaining("leave out");
    }
}
