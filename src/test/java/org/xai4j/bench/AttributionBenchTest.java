package org.xai4j.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xai4j.cli.Main;
import org.xai4j.report.CsvTable;
import org.xai4j.testing.FiniteDifferences;

/** {@code xai4j bench attribution} runs and writes its CSV (timings themselves are not asserted). */
class AttributionBenchTest {
    @Test
    void benchAttributionWritesTheRatioAndOneRowPerMethod(@TempDir Path dir) {
        FiniteDifferences.singleThreaded();
        Path csv = dir.resolve("attr.csv");
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream out = System.out;
        int code;
        try {
            System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
            code = Main.run("bench", "attribution", "--size", "16", "--batch", "2", "--width", "0.125", "--steps", "4",
                    "--internal-batch", "4", "--methods", "grad,ig,gradcam", "--warmup", "0", "--iterations", "1",
                    "--out", csv.toString());
        } finally {
            System.setOut(out);
        }
        assertThat(code).isZero();
        assertThat(buf.toString(StandardCharsets.UTF_8)).contains("4 gradient passes", "ratio");
        CsvTable t = CsvTable.read(csv);
        assertThat(t.rows()).extracting(r -> r.get(0)).containsExactly("ig4/4xgrad", "grad", "ig", "gradcam");
        assertThat(Double.parseDouble(t.rows().get(0).get(3))).isPositive().isFinite();
        PrintStream err = System.err;
        try {
            System.setErr(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
            assertThat(Main.run("bench", "attribution", "--methods", "nope", "--out", csv.toString())).isEqualTo(2);
        } finally {
            System.setErr(err);
        }
        assertThat(List.of(t.header().get(2))).containsExactly("img_per_s");
    }
}
