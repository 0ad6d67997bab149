package org.xai4j.faithfulness;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xai4j.cli.Main;
import org.xai4j.faithfulness.axioms.AxiomsJob;
import org.xai4j.report.CsvTable;
import org.xai4j.testing.TinyRuns;

/** {@code xai4j evaluate-attributions} on a run folder: outputs and bad input. */
class EvaluateAttributionsCommandTest {
    private static Path tinyRun(Path dir) {
        return TinyRuns.untrainedRun(dir);
    }

    @Test
    void roarRetrainsOncePerMethodAndFractionAndResumes(@TempDir Path dir) throws Exception {
        Path run = tinyRun(dir);
        String[] args = {"evaluate-attributions", "--run", run.toString(), "--suite", "roar", "--methods",
            "grad,random", "--fractions", "0.5", "--set", "train.epochs=1"};
        assertThat(Main.run(args)).isZero();
        Path out = run.resolve("evaluate-attributions");
        CsvTable csv = CsvTable.read(out.resolve(RoarJob.CSV));
        assertThat(csv.header()).containsExactly("method", "fraction_removed", "test_auc");
        assertThat(csv.rows()).extracting(r -> r.get(0) + "@" + r.get(1))
                .containsExactly("grad@0.0", "grad@0.5", "random@0.0", "random@0.5");
        assertThat(csv.rows()).allSatisfy(r -> assertThat(Double.parseDouble(r.get(2))).isBetween(0.0, 1.0));
        Path result = out.resolve("runs").resolve("grad-k50").resolve("roar.json");
        assertThat(out.resolve("runs").resolve("none-k0").resolve("roar.json")).isNotEmptyFile();
        long written = Files.getLastModifiedTime(result).toMillis();
        Thread.sleep(20);
        assertThat(Main.run(args)).isZero(); // resumes: nothing is retrained
        assertThat(Files.getLastModifiedTime(result).toMillis()).isEqualTo(written);
        assertThat(CsvTable.read(out.resolve(RoarJob.CSV)).rows()).isEqualTo(csv.rows());
        assertThat(out.resolve(RoarJob.PLOT)).isNotEmptyFile();
        assertThat(Main.run("evaluate-attributions", "--run", run.toString(), "--suite", "roar", "--fractions", "1.5"))
                .isEqualTo(2);
    }

    @Test
    void axiomsWriteTheirTablesSamplesAndReportAndRefuseBadInput(@TempDir Path dir) throws Exception {
        Path run = tinyRun(dir);
        assertThat(Main.run("evaluate-attributions", "--run", run.toString(), "--suite", "axioms", "--methods",
                "grad,gradcam", "--scenarios", "null,single", "--samples", "2", "--iterations", "20")).isZero();
        Path out = run.resolve("evaluate-attributions");
        CsvTable samples = CsvTable.read(out.resolve(AxiomsJob.SAMPLES));
        assertThat(samples.header()).containsExactly("scenario", "sample", "held", "steps", "targets", "changes");
        assertThat(samples.rows()).extracting(r -> r.get(0)).containsExactly("null", "null", "single", "single");
        CsvTable scores = CsvTable.read(out.resolve(AxiomsJob.CSV));
        assertThat(scores.rows()).extracting(r -> r.get(0) + "/" + r.get(2)).containsExactly("grad/null_ratio",
                "grad/single_correlation", "gradcam/null_ratio", "gradcam/single_correlation",
                AxiomsJob.RANDOM + "/null_ratio", AxiomsJob.RANDOM + "/single_correlation");
        assertThat(Files.readString(out.resolve(AxiomsJob.TABLE))).contains("| grad |", "null_ratio", "one logit");
        assertThat(Files.readString(out.resolve(AxiomsJob.REPORT))).contains("Model knows best");
        String[] base = {"evaluate-attributions", "--run", run.toString(), "--suite", "axioms", "--samples", "1",
            "--iterations", "10"};
        assertThat(Main.run(concat(base, "--scenarios", "nul"))).isEqualTo(2);
        assertThat(Main.run(concat(base, "--outputs", "0,1"))).isEqualTo(2);      // one logit: z and -z
        assertThat(Main.run(concat(base, "--background", "white"))).isEqualTo(2);
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void sensitivityNWritesItsTablePlotAndCsvAndRefusesBadInput(@TempDir Path dir) throws Exception {
        Path run = tinyRun(dir);
        assertThat(Main.run("evaluate-attributions", "--run", run.toString(), "--methods", "ixg,lrp-epsilon,iba",
                "--limit", "2", "--sizes", "4,64", "--subsets", "5")).isZero();
        Path out = run.resolve("evaluate-attributions");
        CsvTable csv = CsvTable.read(out.resolve(SensitivityNJob.CSV));
        assertThat(csv.header()).containsExactly("method", "n", "mean_correlation", "images");
        assertThat(csv.rows()).hasSize(6);
        // epsilon-LRP is Input x Gradient (up to float precision and epsilon), and every method sees the same subsets
        assertThat(Double.parseDouble(csv.rows().get(2).get(2))).isCloseTo(Double.parseDouble(csv.rows().get(0).get(2)),
                org.assertj.core.data.Offset.offset(1e-3));
        assertThat(out.resolve(SensitivityNJob.PLOT)).isNotEmptyFile();
        assertThat(Files.readString(out.resolve(SensitivityNJob.TABLE))).contains("| ixg |", "N=64");
        assertThat(Main.run("evaluate-attributions", "--run", run.toString(), "--methods", "lime")).isEqualTo(2);
        assertThat(Main.run("evaluate-attributions", "--run", run.toString(), "--sizes", "5000")).isEqualTo(2);
        assertThat(Main.run("evaluate-attributions", "--run", dir.resolve("missing").toString())).isEqualTo(2);
    }
}
