package org.xai4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input ends with exit code 2 and one message naming the file and the key, before any work starts. */
class CliErrorsTest {
    private record Run(int code, String err) {
    }

    private static Run run(String... args) {
        PrintStream saved = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int code = Main.run(args);
            return new Run(code, err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(saved);
        }
    }

    @Test
    void deeplyNestedYamlIsAConfigErrorNotAStackOverflow(@TempDir Path dir) throws Exception {
        Path cfg = dir.resolve("deep.yaml");
        Files.writeString(cfg, "train: " + "[".repeat(200_000) + "]".repeat(200_000) + "\n");
        Run r = run("train", "--config", cfg.toString(), "--checkpoints", dir.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).startsWith("xai4j: error: " + cfg).doesNotContain("\tat ");
    }

    @Test
    void aRunNameOutsideTheCheckpointsFolderIsRefused(@TempDir Path dir) throws Exception {
        Run r = run("train", "--set", "train.epochs=1", "--checkpoints", dir.resolve("ck").toString(),
                "--name", "../escaped");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--name: only letters, digits");
        assertThat(dir.resolve("escaped")).doesNotExist();
    }

    @Test
    void anUnexpectedFailureIsOneLinePlusALogFileWithTheTrace() throws Exception {
        java.io.StringWriter out = new java.io.StringWriter();
        int code = Main.unexpected(new IllegalStateException("boom"), new java.io.PrintWriter(out));
        assertThat(code).isEqualTo(1);
        String line = out.toString();
        assertThat(line.lines()).hasSize(1);
        assertThat(line).startsWith("xai4j: unexpected error: IllegalStateException: boom (the full trace is in ");
        Path log = Path.of(line.substring(line.indexOf(" is in ") + 7, line.indexOf("; please")));
        assertThat(Files.readString(log)).contains("java.lang.IllegalStateException: boom").contains("\tat ");
        Files.delete(log);
    }

    @Test
    void unknownKeyNamesFileKeyAndAllowedKeys(@TempDir Path dir) throws Exception {
        Path cfg = dir.resolve("bad.yaml");
        Files.writeString(cfg, "train:\n  epochz: 3\n");
        Run r = run("train", "--config", cfg.toString(), "--checkpoints", dir.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains(cfg.toString()).contains("unknown key 'train.epochz'").contains("epochs");
        assertThat(dir.toFile().list()).containsExactly("bad.yaml");
    }

    @Test
    void wrongTypeAndOutOfRangeValues(@TempDir Path dir) throws Exception {
        Path cfg = dir.resolve("c.yaml");
        Files.writeString(cfg, "train:\n  epochs: many\n");
        Run r = run("train", "--config", cfg.toString(), "--checkpoints", dir.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("key 'train.epochs'").contains("expected an integer").contains("many");

        Files.writeString(cfg, "model:\n  widthMultiplier: 9\n");
        r = run("train", "--config", cfg.toString(), "--checkpoints", dir.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("key 'model.widthMultiplier'").contains("(0, 4]");
    }

    @Test
    void unknownArchitectureListsTheRegisteredOnes(@TempDir Path dir) {
        Run r = run("train", "--set", "model.architecture=resnet19", "--set", "data.synthetic.train=8",
                "--checkpoints", dir.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("model.architecture").contains("resnet19").contains("resnet18")
                .contains("densenet121");
    }

    @Test
    void missingFilesAndBadOverrides(@TempDir Path dir) {
        Run r = run("train", "--config", dir.resolve("nope.yaml").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("nope.yaml").contains("file not found");

        r = run("train", "--set", "train.epochs");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("train.epochs").contains("key.path=value");

        r = run("evaluate", "--run", dir.resolve("no-run").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("no-run");
        r = run("segment", "--run", dir.toString(), "--region", "intensity>0.02", "--no-brain-mask");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--region").contains("--no-brain-mask");
        r = run("segment", "--run", dir.toString(), "--region", "intensity>bright");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("intensity>0.02");
    }

    @Test
    void unknownSubcommandOrOptionIsAUsageError() {
        assertThat(run("trian").code()).isEqualTo(2);
        assertThat(run("train", "--epochs", "3").code()).isEqualTo(2);
    }
}
