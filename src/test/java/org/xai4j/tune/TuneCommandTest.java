package org.xai4j.tune;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xai4j.testing.CommandLineRun;
import org.xai4j.testing.TinyRuns;

/** The {@code xai4j tune} command line: one trial end to end, and bad input with exit code 2 and one message. */
class TuneCommandTest {
    private static CommandLineRun tune(String... args) {
        String[] full = new String[args.length + 1];
        full[0] = "tune";
        System.arraycopy(args, 0, full, 1, args.length);
        return CommandLineRun.of(full);
    }

    @Test
    void runsASearchFromTheCommandLineAndRefusesBadInput(@TempDir Path dir) throws Exception {
        Path base = dir.resolve("base.yaml");
        Files.writeString(base, TinyRuns.yaml(1) + "  ui: false\n");
        Path space = dir.resolve("space.yaml");
        Files.writeString(space, "parameters:\n  train.lr: log(1e-3, 1e-2)\n");
        String ck = dir.resolve("ck").toString();

        CommandLineRun ok = tune("--config", base.toString(), "--space", space.toString(), "--trials", "1",
                "--name", "one", "--checkpoints", ck);
        assertThat(ok.code()).as(ok.err()).isZero();
        assertThat(ok.out()).contains("random search, 1 trials").contains("best: trial-001");
        assertThat(dir.resolve("ck/one/best.yaml")).isNotEmptyFile();

        CommandLineRun again = tune("--config", base.toString(), "--space", space.toString(), "--name", "one",
                "--checkpoints", ck);
        assertThat(again.code()).isEqualTo(2);
        assertThat(again.err()).contains("already exists").contains("--resume");

        CommandLineRun badBudget = tune("--config", base.toString(), "--space", space.toString(), "--budget", "soon",
                "--name", "two", "--checkpoints", ck);
        assertThat(badBudget.code()).isEqualTo(2);
        assertThat(badBudget.err()).contains("budget").contains("2h");
        assertThat(dir.resolve("ck/two")).doesNotExist();
    }
}
