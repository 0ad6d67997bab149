package org.xai4j.experiments;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xai4j.cli.Main;
import org.xai4j.report.CsvTable;
import org.xai4j.testing.FiniteDifferences;

/** The network-dissection experiment's one command in quick mode on a copy of its folder. */
class NetworkDissectionExperimentTest {
    @BeforeAll
    static void threads() {
        FiniteDifferences.singleThreaded();
    }

    @Test
    void quickRunTrainsBothLossesAndDissectsEveryEpoch(@TempDir Path dir) throws Exception {
        Files.copy(Path.of("experiments", NetworkDissectionExperiment.NAME, NetworkDissectionExperiment.BASE),
                dir.resolve(NetworkDissectionExperiment.BASE));
        Files.writeString(dir.resolve("README.md"), "# x\n" + ReadmeTable.START + "\nold\n" + ReadmeTable.END + "\n");
        assertThat(Main.run("experiment", NetworkDissectionExperiment.NAME, "--folder", dir.toString(), "--quick",
                "--variants", "weighted-bce,bce")).isZero();
        CsvTable table = CsvTable.read(dir.resolve("out/quick/table.csv"));
        assertThat(table.rows()).extracting(r -> r.get(0) + "/" + r.get(2)).containsExactly("weighted-bce/1",
                "weighted-bce/2", "bce/1", "bce/2");
        assertThat(table.header()).startsWith("model", "seed", "epoch", "val_auc", "test_auc", "detectors");
        assertThat(dir.resolve("out/quick/runs/bce-s42/dissect/report.html")).exists();
        assertThat(Files.readString(dir.resolve("out/quick/table.md"))).contains("QUICK MODE",
                "| weighted-bce | 42 | 2 |");
        assertThat(Files.readString(dir.resolve("README.md"))).contains("old");
    }
}
