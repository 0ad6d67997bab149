package org.xai4j.explain;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xai4j.cli.Main;
import org.xai4j.report.CsvTable;
import org.xai4j.testing.FiniteDifferences;
import org.xai4j.testing.TinyRuns;

/** {@code xai4j explain} end to end on a tiny run folder (untrained weights: the plumbing is what is tested). */
class ExplainTest {
    @BeforeAll
    static void threads() {
        FiniteDifferences.singleThreaded();
    }

    private static Path tinyRun(Path dir) {
        return TinyRuns.untrainedRun(dir);
    }

    private static int run(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        try {
            System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
            return Main.run(args);
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    @Test
    void explainWritesOverlaysGridCsvsAndASelfContainedReport(@TempDir Path dir) throws Exception {
        Path run = tinyRun(dir);
        int code = run("explain", "--run", run.toString(), "--limit", "3", "--methods", "grad,gradcam,smoothgrad:ixg",
                "--samples", "2", "--sanity", "2", "--grid", "2", "--insertion-step", "128");
        assertThat(code).isZero();
        Path out = run.resolve("explain");
        java.util.List<String> names;
        try (Stream<Path> files = Files.list(out.resolve("overlays"))) {
            names = files.map(p -> p.getFileName().toString()).sorted().toList();
        }
        assertThat(names).hasSize(3 * 4);
        assertThat(names.get(0)).startsWith("000_synth-test-").endsWith("_grad.png");
        assertThat(names).anyMatch(n -> n.startsWith("002_") && n.endsWith("_smoothgrad-ixg.png"));
        assertThat(ImageIO.read(out.resolve("overlays").resolve(names.get(0)).toFile()).getWidth()).isEqualTo(128);
        // pathological and healthy images alternate
        assertThat(CsvTable.read(out.resolve("metrics.csv")).rows().subList(0, 2))
                .extracting(r -> r.get(2)).containsExactly("1", "0");
        assertThat(ImageIO.read(out.resolve("grid.png").toFile()).getHeight()).isGreaterThan(2 * 128);
        CsvTable metrics = CsvTable.read(out.resolve("metrics.csv"));
        assertThat(metrics.rows()).hasSize(9);
        assertThat(CsvTable.read(out.resolve("summary.csv")).rows()).hasSize(3);
        assertThat(CsvTable.read(out.resolve("sanity.csv")).rows()).isNotEmpty();
        String html = Files.readString(out.resolve("report.html"));
        assertThat(html).contains("smoothgrad:ixg", "data:image/png;base64,", "Cascading randomisation");
    }

    @Test
    void informationBottlenecksTakeTheirStatisticsFromTheTrainingImagesAndCacheThemNextToTheCheckpoint(
            @TempDir Path dir) throws Exception {
        Path run = tinyRun(dir);
        String[] args = {"explain", "--run", run.toString(), "--limit", "2", "--methods", "iba,multilayer-iba",
            "--sanity", "0", "--insertion-step", "128"};
        assertThat(run(args)).isZero();
        Path stats = run.resolve("attribution-cache").resolve("tap-statistics");
        assertThat(stats.resolve("stage1.bin")).isNotEmptyFile();
        assertThat(stats.resolve("stage2.bin")).isNotEmptyFile();
        long written = Files.getLastModifiedTime(stats.resolve("stage2.bin")).toMillis();
        String metrics = Files.readString(run.resolve("explain").resolve("metrics.csv"));
        Thread.sleep(20);
        assertThat(run(args)).isZero();
        assertThat(Files.getLastModifiedTime(stats.resolve("stage2.bin")).toMillis()).isEqualTo(written);
        assertThat(Files.readString(run.resolve("explain").resolve("metrics.csv"))).isEqualTo(metrics);
    }

    @Test
    void aDataConfigReplacesTheRunsData(@TempDir Path dir) throws Exception {
        Path run = tinyRun(dir);
        Path data = dir.resolve("data.yaml");
        Files.writeString(data, "data:\n  synthetic:\n    seed: 99\n    size: 32\n    train: 4\n    val: 0\n"
                + "    test: 2\n    pathologies: [tumor]\n");
        Path out = dir.resolve("out");
        assertThat(run("explain", "--run", run.toString(), "--data", data.toString(), "--methods", "grad",
                "--sanity", "0", "--out", out.toString())).isZero();
        assertThat(CsvTable.read(out.resolve("metrics.csv")).rows()).hasSize(2);
        Path big = dir.resolve("big.yaml");
        Files.writeString(big, "data:\n  synthetic:\n    size: 64\n    train: 2\n    val: 0\n    test: 2\n");
        assertThat(run("explain", "--run", run.toString(), "--data", big.toString(), "--methods", "grad"))
                .as("images of another size than the model's input").isEqualTo(2);
    }

    @Test
    void aMethodOptionsFileSetsEachMethodsOwnSettings(@TempDir Path dir) throws Exception {
        Path run = tinyRun(dir);
        Path good = Files.writeString(dir.resolve("good.yaml"), "ig: {steps: 4, quadrature: riemann_middle}\n");
        assertThat(run("explain", "--run", run.toString(), "--limit", "2", "--methods", "ig", "--sanity", "0",
                "--method-options", good.toString(), "--out", dir.resolve("out").toString())).isZero();
        Path tap = Files.writeString(dir.resolve("tap.yaml"), "gradcam: {tap: nowhere}\n");
        assertThat(run("explain", "--run", run.toString(), "--methods", "gradcam", "--method-options",
                tap.toString())).as("the file's tap reaches Grad-CAM, which refuses it").isEqualTo(2);
        Path key = Files.writeString(dir.resolve("key.yaml"), "ig: {stpes: 4}\n");
        assertThat(run("explain", "--run", run.toString(), "--methods", "ig", "--method-options", key.toString()))
                .isEqualTo(2);
    }

    @Test
    void badArgumentsExitWithCodeTwo(@TempDir Path dir) throws Exception {
        Path run = tinyRun(dir);
        assertThat(run("explain", "--run", run.toString(), "--methods", "grad,lime")).isEqualTo(2);
        assertThat(run("explain", "--run", dir.resolve("nope").toString())).isEqualTo(2);
        Path noData = dir.resolve("nodata.yaml");
        Files.writeString(noData, "seed: 3\n");
        assertThat(run("explain", "--run", run.toString(), "--data", noData.toString())).isEqualTo(2);
        assertThat(run("explain", "--run", run.toString(), "--images", "synth-test-00000,zzz", "--methods", "grad"))
                .isEqualTo(2);
        assertThat(run("explain", "--run", run.toString(), "--display", "jet")).isEqualTo(2);
    }
}
