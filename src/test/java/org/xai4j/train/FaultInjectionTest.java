package org.xai4j.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xai4j.cli.Main;
import org.xai4j.config.ConfigLoader;
import org.xai4j.config.RunConfig;
import org.xai4j.report.CsvTable;
import org.xai4j.run.Checkpoint;
import org.xai4j.run.RunFolder;
import org.xai4j.run.TrainingState;
import org.xai4j.testing.TinyRuns;

/**
 * Issue 21: training runs killed (SIGKILL, a child JVM running {@code xai4j train}) at 24 random points in all and
 * resumed after each kill end with the metrics and weights of the uninterrupted run, and after every kill each file in the run
 * folder is whole (the config loads, the metrics CSV parses, every checkpoint loads). Kill points are spread over
 * the whole life of a child (JVM start, data generation, training batches, metrics and checkpoint writes).
 */
class FaultInjectionTest {
    private static final int KILLS = 24;
    private static final int EPOCHS = 4;
    /** {@link TinyRuns}'s run (32x32 slices, a narrow ResNet), without UI statistics. */
    private static final String CONFIG = TinyRuns.yaml(EPOCHS) + "  ui: false\n";

    /** Columns that depend only on the computation (not on timing). */
    private static final List<String> DETERMINISTIC = List.of("epoch", "lr", "train_wbce", "train_loss", "val_loss",
            "val_auc", "best");

    @Test
    void killedAtRandomPointsAndResumedEndsAsTheUninterruptedRun(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("fault.yaml");
        Files.writeString(config, CONFIG);
        long t0 = System.nanoTime();
        assertThat(child(dir, List.of("train", "--config", config.toString(), "--checkpoints", dir.toString(),
                "--name", "clean"), -1)).isEqualTo(0);
        long fullMillis = (System.nanoTime() - t0) / 1_000_000;

        Random random = new Random(21);
        int kills = 0;
        for (int cycle = 1; kills < KILLS; cycle++) {
            // one interrupted run per cycle, killed until it finishes; cycles repeat until KILLS kills landed
            Path run = dir.resolve("killed-" + cycle);
            int children = 0;
            while (true) {
                Path last = run.resolve(RunFolder.LAST);
                boolean resumable = Files.isRegularFile(last);
                if (resumable && Checkpoint.readState(last).epoch() == EPOCHS) {
                    break;
                }
                List<String> args = resumable
                        ? List.of("train", "--resume", last.toString(), "--checkpoints", dir.toString())
                        : List.of("train", "--config", config.toString(), "--checkpoints", dir.toString(), "--name",
                                run.getFileName().toString(), "--overwrite");
                Integer code = child(dir, args, (long) (random.nextDouble() * fullMillis));
                if (code == null) {
                    kills++;
                    assertWhole(run);
                } else {
                    assertThat(code).as("a child that was not killed finishes its run").isZero();
                }
                assertThat(++children).as("the run makes progress").isLessThan(40);
            }
            assertSameAsUninterrupted(dir.resolve("clean"), run);
        }
        assertThat(kills).isGreaterThanOrEqualTo(KILLS);
    }

    private static void assertSameAsUninterrupted(Path cleanRun, Path run) {
        CsvTable clean = CsvTable.read(cleanRun.resolve(RunFolder.METRICS));
        CsvTable killed = CsvTable.read(run.resolve(RunFolder.METRICS));
        assertThat(killed.rows()).hasSize(EPOCHS);
        for (String column : DETERMINISTIC) {
            int c = clean.header().indexOf(column);
            int k = killed.header().indexOf(column);
            assertThat(killed.rows().stream().map(r -> r.get(k)).toList()).as(run + " " + column)
                    .isEqualTo(clean.rows().stream().map(r -> r.get(c)).toList());
        }
        assertThat(Checkpoint.load(run.resolve(RunFolder.LAST)).classifier().graph().params())
                .isEqualTo(Checkpoint.load(cleanRun.resolve(RunFolder.LAST)).classifier().graph().params());
    }

    /** Every file a kill may have been writing is either absent, a stale temporary file, or whole. */
    private static void assertWhole(Path run) throws IOException {
        if (!Files.isDirectory(run)) {
            return;
        }
        if (Files.exists(run.resolve(RunFolder.CONFIG))) {
            ConfigLoader.load(run.resolve(RunFolder.CONFIG), RunConfig.class, List.of());
        }
        if (Files.exists(run.resolve(RunFolder.METRICS))) {
            CsvTable metrics = CsvTable.read(run.resolve(RunFolder.METRICS));
            for (List<String> row : metrics.rows()) {
                assertThat(row).hasSameSizeAs(metrics.header());
            }
        }
        List<Path> checkpoints;
        try (Stream<Path> files = Files.list(run)) {
            checkpoints = files.filter(f -> f.getFileName().toString().endsWith(".ckpt")).toList();
        }
        for (Path c : checkpoints) {
            TrainingState state = Checkpoint.load(c).state();
            assertThat(state.epoch()).as(c.toString()).isBetween(1, EPOCHS);
        }
        if (Files.exists(run.resolve(RunFolder.LAST)) && Files.exists(run.resolve(RunFolder.METRICS))) {
            int rows = CsvTable.read(run.resolve(RunFolder.METRICS)).rows().size();
            assertThat(rows).as("metrics rows are at most one epoch ahead of last.ckpt")
                    .isBetween(Checkpoint.readState(run.resolve(RunFolder.LAST)).epoch(),
                            Checkpoint.readState(run.resolve(RunFolder.LAST)).epoch() + 1);
        }
    }

    /**
     * Runs {@code xai4j} in a child JVM and kills it after {@code killAfterMillis} (never when negative).
     *
     * @return its exit code, or null when it was killed
     */
    private static Integer child(Path dir, List<String> args, long killAfterMillis) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(args);
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("children.log").toFile())).start();
        if (killAfterMillis < 0) {
            assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
            return p.exitValue();
        }
        if (!p.waitFor(killAfterMillis, TimeUnit.MILLISECONDS)) {
            p.destroyForcibly().waitFor();
            return null;
        }
        return p.exitValue();
    }
}
