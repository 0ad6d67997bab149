package org.xai4j.experiments;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xai4j.cli.Main;
import org.xai4j.report.CsvTable;

/** The informer-qc experiment's one command in quick mode on a copy of its folder. */
class InformerQcExperimentTest {
    @Test
    void quickRunScoresEachQcMethodPerSaliencyMethod(@TempDir Path dir) throws Exception {
        Files.copy(Path.of("experiments", InformerQcExperiment.NAME, InformerQcExperiment.BASE),
                dir.resolve(InformerQcExperiment.BASE));
        Files.writeString(dir.resolve("README.md"), "# x\n" + ReadmeTable.START + "\nold\n" + ReadmeTable.END + "\n");
        assertThat(Main.run("experiment", InformerQcExperiment.NAME, "--folder", dir.toString(), "--quick",
                "--option", "methods=ixg")).isZero();
        CsvTable table = CsvTable.read(dir.resolve("out/quick/table.csv"));
        assertThat(table.header()).containsExactly("seed", "saliency", "qc_method", "class", "test_f1",
                "p_informer_vs");
        assertThat(table.rows()).extracting(r -> r.get(2) + "/" + r.get(3)).contains("no qc/mean",
                "informer (ixg)/tumor", "entropy/ms", "informer (ixg)/atrophy", "tta variance/mean");
        assertThat(dir.resolve("out/quick/runs/five-findings-s42/qc-ixg/report.html")).exists();
        assertThat(Files.readString(dir.resolve("out/quick/table.md"))).contains("QUICK MODE", "| ixg | entropy |");
        assertThat(Files.readString(dir.resolve("README.md"))).contains("old");
    }
}
