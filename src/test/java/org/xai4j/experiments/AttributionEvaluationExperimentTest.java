package org.xai4j.experiments;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xai4j.cli.Main;
import org.xai4j.report.CsvTable;

/** The attribution-evaluation experiment's one command in quick mode on a copy of its folder. */
class AttributionEvaluationExperimentTest {
    @Test
    void quickRunScoresEachMethodAndTheBaselineOnEachModel(@TempDir Path dir) throws Exception {
        Files.copy(Path.of("experiments", AttributionEvaluationExperiment.NAME, AttributionEvaluationExperiment.BASE),
                dir.resolve(AttributionEvaluationExperiment.BASE));
        Files.writeString(dir.resolve("README.md"), "# x\n" + ReadmeTable.START + "\nold\n" + ReadmeTable.END + "\n");
        assertThat(Main.run("experiment", AttributionEvaluationExperiment.NAME, "--folder", dir.toString(), "--quick",
                "--variants", "quickstart,multilabel", "--option", "methods=grad+gradcam")).isZero();
        CsvTable table = CsvTable.read(dir.resolve("out/quick/table.csv"));
        assertThat(table.rows()).extracting(r -> r.get(0) + "/" + r.get(2)).containsExactly("quickstart/grad",
                "quickstart/gradcam", "quickstart/random (baseline)", "multilabel/grad", "multilabel/gradcam",
                "multilabel/random (baseline)");
        assertThat(table.header()).contains("null_ratio", "overlap", "held_saturation", "sensitivity_n4");
        assertThat(dir.resolve("out/quick/runs/multilabel-s42/axioms/axioms.html")).exists();
        assertThat(Files.readString(dir.resolve("out/quick/runs/multilabel-s42/axioms/axioms.md")))
                .doesNotContain("one logit");                            // two independent outputs
        assertThat(Files.readString(dir.resolve("out/quick/table.md"))).contains("QUICK MODE", "| quickstart | grad |");
        assertThat(Files.readString(dir.resolve("README.md"))).contains("old");
        assertThat(Main.run("experiment", AttributionEvaluationExperiment.NAME, "--folder", dir.toString(), "--quick",
                "--option", "methods=lime")).isEqualTo(2);
    }
}
