package org.xai4j.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xai4j.cli.Main;
import org.xai4j.report.CsvTable;

/** {@code xai4j bench pgd} on a tiny model: one row per k with both timings, the ratio and the target. */
class PgdCostBenchTest {
    @Test
    void writesOneRowPerStepCount(@TempDir Path dir) {
        Path csv = dir.resolve("pgd.csv");
        PrintStream saved = System.out;
        System.setOut(new PrintStream(PrintStream.nullOutputStream()));
        int code;
        try {
            code = Main.run("bench", "pgd", "--width", "0.125", "--size", "32", "--batch", "4", "--steps", "1,2",
                    "--warmup", "0", "--repetitions", "1", "--out", csv.toString());
        } finally {
            System.setOut(saved);
        }
        assertThat(code).isZero();
        CsvTable t = CsvTable.read(csv);
        assertThat(t.header()).contains("steps", "standard_step_s", "pgd_step_s", "ratio", "cpu_ratio", "target");
        assertThat(t.rows()).extracting(r -> r.get(t.header().indexOf("steps"))).containsExactly("1", "2");
        assertThat(Double.parseDouble(t.rows().get(1).get(t.header().indexOf("target")))).isEqualTo(1.15 * 3);
        // a measured ratio, not a speed claim (on this tiny model timing noise can put it below 1: it failed so once)
        assertThat(Double.parseDouble(t.rows().get(1).get(t.header().indexOf("ratio")))).isPositive().isFinite();
    }

    @Test
    void badOptionsNameTheOption() {
        assertThatThrownBy(() -> new PgdCostOptions("resnet18", 0.25, null, 64, 8, List.of(0), "l2", false, 0, 1))
                .hasMessageStartingWith("--steps:");
        assertThatThrownBy(() -> new PgdCostOptions("resnet18", 0.25, null, 64, 8, List.of(3), "l1", false, 0, 1))
                .hasMessageStartingWith("--norm:");
    }
}
