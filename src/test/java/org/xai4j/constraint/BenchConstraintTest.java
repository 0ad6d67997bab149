package org.xai4j.constraint;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xai4j.cli.Main;
import org.xai4j.report.CsvTable;
import org.xai4j.testing.FiniteDifferences;

/**
 * {@code xai4j bench constraint} writes one row per attribution and scheme with a positive ratio and the term's
 * relative error against the exact engine in double precision.
 */
class BenchConstraintTest {
    @Test
    void writesTheRatios(@TempDir Path dir) {
        FiniteDifferences.singleThreaded();
        Path csv = dir.resolve("c.csv");
        int code = Main.run("bench", "constraint", "--model", "resnet18", "--width", "0.125", "--size", "16",
                "--batch", "4", "--attributions", "grad", "--differences", "forward,central,exact", "--warmup", "0",
                "--iterations", "1", "--out", csv.toString());
        assertThat(code).isZero();
        CsvTable t = CsvTable.read(csv);
        assertThat(t.rows()).hasSize(3);
        List<String> first = t.rows().get(0);
        assertThat(first.get(t.header().indexOf("attribution"))).isEqualTo("grad");
        assertThat(first.get(t.header().indexOf("term_passes"))).isEqualTo("2");
        assertThat(Double.parseDouble(first.get(t.header().indexOf("ratio")))).isPositive();
        int error = t.header().indexOf("relative_error");
        assertThat(Double.parseDouble(t.rows().get(2).get(error))).as("exact in float32 against exact in double")
                .isLessThan(1e-3);
        assertThat(Double.parseDouble(first.get(error))).as("forward differences are approximate").isPositive()
                .isLessThan(1.0);
        assertThat(Main.run("bench", "constraint", "--attributions", "lrp", "--out", csv.toString())).isEqualTo(2);
    }
}
