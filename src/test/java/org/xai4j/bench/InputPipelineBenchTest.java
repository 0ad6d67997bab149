package org.xai4j.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xai4j.cli.Main;
import org.xai4j.report.CsvTable;

/** {@code xai4j bench input-pipeline} end to end on a small generated folder: one row per stage, then cleaned up. */
class InputPipelineBenchTest {
    @Test
    void timesEveryStageAndRemovesWhatItGenerated(@TempDir Path dir) {
        Path csv = dir.resolve("ip.csv");
        Path work = dir.resolve("work");
        PrintStream saved = System.out;
        System.setOut(new PrintStream(PrintStream.nullOutputStream()));
        int code;
        try {
            code = Main.run("bench", "input-pipeline", "--images", "40", "--size", "32", "--width", "0.125",
                    "--batch", "8", "--steps", "2", "--work", work.toString(), "--out", csv.toString());
        } finally {
            System.setOut(saved);
        }
        assertThat(code).isZero();
        CsvTable t = CsvTable.read(csv);
        assertThat(t.header()).contains("stage", "images", "seconds", "images_per_s");
        assertThat(t.rows()).hasSize(7);
        assertThat(t.rows()).allSatisfy(r -> assertThat(Double.parseDouble(r.get(t.header().indexOf("images_per_s"))))
                .isPositive().isFinite());
        assertThat(Files.exists(work)).as("the generated data set is removed without --keep").isFalse();
    }

    @Test
    void badOptionsNameTheOption(@TempDir Path dir) {
        assertThatThrownBy(() -> new InputPipelineBench.Options(10, 32, "resnet18", 0.25, List.of(1, 1, 1, 1), 8, 1,
                dir)).hasMessageStartingWith("--images:");
        assertThatThrownBy(() -> new InputPipelineBench.Options(64, 32, "resnet18", 0.25, List.of(1, 1, 1, 1), 8, 9,
                dir)).hasMessageStartingWith("--steps:");
    }
}
