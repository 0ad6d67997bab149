package org.xai4j.robustness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xai4j.cli.Main;
import org.xai4j.data.DataSources;
import org.xai4j.data.SampleSet;
import org.xai4j.data.Split;
import org.xai4j.report.CsvTable;
import org.xai4j.run.Checkpoint;
import org.xai4j.testing.FiniteDifferences;
import org.xai4j.testing.TinyRuns;
import org.xai4j.train.Evaluation;
import org.xai4j.train.TrainingRun;

/** {@code xai4j evaluate --attack}: clean and robust AUC/accuracy over epsilons, CSV and plot. */
class RobustEvaluationTest {
    private static final PrintStream QUIET = new PrintStream(PrintStream.nullOutputStream());

    @BeforeAll
    static void threads() {
        FiniteDifferences.singleThreaded();
    }

    @Test
    void robustCurveStartsAtTheCleanEvaluationAndAttacksOnlyLowerIt(@TempDir Path dir) {
        var config = TinyRuns.config(2, "train.ui=false");
        SampleSet data = DataSources.load(config.data(), dir);
        TrainingRun.Outcome run = new TrainingRun(config, dir, "run", null, QUIET).execute(data);
        PrintStream saved = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = Main.run("evaluate", "--run", run.folder().dir().toString(), "--attack", "pgd", "--eps", "16,4",
                    "--steps", "3");
        } finally {
            System.setOut(saved);
        }
        assertThat(code).as(out.toString(StandardCharsets.UTF_8)).isZero();
        Path folder = run.folder().resolve("eval-test-pgd-l2");
        assertThat(folder.resolve(RobustEvaluation.PNG)).exists();
        CsvTable csv = CsvTable.read(folder.resolve(RobustEvaluation.CSV));
        assertThat(csv.header()).containsExactly("epsilon", "radius", "auc", "accuracy");
        assertThat(csv.rows()).extracting(r -> r.get(0)).containsExactly("0.0", "4.0", "16.0");
        assertThat(Double.parseDouble(csv.rows().get(2).get(1))).isCloseTo(16 * 1024 / 50000.0, within(1e-12));

        Evaluation.Summary clean = Evaluation.evaluate(Checkpoint.load(run.result().best()).classifier(), data,
                Split.TEST, config, dir.resolve("clean"));
        assertThat(Double.parseDouble(csv.rows().get(0).get(2))).isCloseTo(clean.report().macroAuc(), within(1e-12));
        assertThat(Double.parseDouble(csv.rows().get(0).get(3))).isCloseTo(clean.report().macroAccuracy(),
                within(1e-12));
        // binary labels, every example's loss only grows: positives' scores fall and negatives' rise
        for (int i = 1; i < 3; i++) {
            assertThat(Double.parseDouble(csv.rows().get(i).get(2))).isLessThanOrEqualTo(clean.report().macroAuc());
            assertThat(Double.parseDouble(csv.rows().get(i).get(3))).isLessThanOrEqualTo(clean.report().macroAccuracy());
        }
        assertThat(Double.parseDouble(csv.rows().get(2).get(2))).as("a strong attack hurts")
                .isLessThan(clean.report().macroAuc());
    }

    @Test
    void unknownAttackIsBadInput() {
        PrintStream saved = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            assertThat(Main.run("evaluate", "--run", "nowhere", "--attack", "cw")).isEqualTo(Main.USAGE);
            assertThat(Main.run("evaluate", "--run", "nowhere", "--attack", "pgd", "--eps", "-1")).isEqualTo(Main.USAGE);
        } finally {
            System.setErr(saved);
        }
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--attack: unknown 'cw' (allowed: fgsm, pgd)")
                .contains("--eps: every epsilon must be finite and >= 0");
    }
}
