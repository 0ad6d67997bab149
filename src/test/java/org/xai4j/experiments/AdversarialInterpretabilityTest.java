package org.xai4j.experiments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xai4j.report.CsvTable;
import org.xai4j.testing.FiniteDifferences;

/** The experiment's one command, in quick mode on a copy of its folder: every model, the table, the figure. */
class AdversarialInterpretabilityTest {
    private static final Path FOLDER = Path.of("experiments", AdversarialInterpretability.NAME);

    @BeforeAll
    static void threads() {
        FiniteDifferences.singleThreaded();
    }

    @Test
    void quickRunTrainsEveryModelAndWritesTableFigureAndCsv(@TempDir Path dir) throws Exception {
        Files.copy(FOLDER.resolve(AdversarialInterpretability.CONFIG), dir.resolve(AdversarialInterpretability.CONFIG));
        Files.writeString(dir.resolve("README.md"), "# x\n\nbefore\n" + ReadmeTable.START + "\nold\n" + ReadmeTable.END
                + "\nafter\n");
        AdversarialInterpretability experiment = new AdversarialInterpretability();
        AdversarialInterpretability.Result r = experiment.measure(request(dir, experiment, false));
        assertThat(r.rows()).extracting(AdversarialInterpretability.Row::name).containsExactly("standard",
                "pgd-l2-eps2", "pgd-l2-eps8", "pgd-l2-eps32", "fgsm-mixed", "robust-ft-last2", "robust-ft-last3");
        CsvTable csv = CsvTable.read(dir.resolve("out/quick").resolve(AdversarialInterpretability.RESULTS));
        assertThat(csv.rows()).hasSize(7);
        java.awt.image.BufferedImage figure = javax.imageio.ImageIO.read(dir.resolve("out/quick")
                .resolve(AdversarialInterpretability.FIGURE).toFile());
        assertThat(figure.getWidth()).as("image + 7 models").isGreaterThan(8 * 32 * 2);
        assertThat(Files.readString(dir.resolve("out/quick/table.md"))).contains("| robust-ft-last3 |")
                .contains("QUICK MODE")
                .contains("![saliency](out/quick/" + AdversarialInterpretability.FIGURE + ")");
        assertThat(Files.readString(dir.resolve("README.md"))).as("a quick run leaves the tracked README alone")
                .contains("old");
        assertThat(dir.resolve(AdversarialInterpretability.FIGURE)).as("a quick run leaves the tracked figure alone")
                .doesNotExist();
        for (AdversarialInterpretability.Row row : r.rows()) {
            assertThat(row.saliency().massInLesion()).isBetween(0.0, 1.0);
            assertThat(row.robust().auc()).isLessThanOrEqualTo(row.clean().auc());
        }
        assertThat(dir.resolve("out/quick/runs/robust-ft-last2/warmup")).doesNotExist();

        // re-scoring only: the models are kept
        long before = Files.getLastModifiedTime(dir.resolve("out/quick/runs/standard/best.ckpt")).toMillis();
        experiment.measure(request(dir, experiment, true));
        assertThat(Files.getLastModifiedTime(dir.resolve("out/quick/runs/standard/best.ckpt")).toMillis())
                .isEqualTo(before);
    }

    private static ExperimentRequest request(Path dir, Experiment e, boolean reuse) {
        return new ExperimentRequest(dir, List.of(), e.variants(), List.of(), reuse, true, Map.of(),
                new PrintStream(PrintStream.nullOutputStream()));
    }

    @Test
    void aReadmeWithoutMarkersIsRefused(@TempDir Path dir) throws Exception {
        Path readme = dir.resolve("README.md");
        Files.writeString(readme, "# no markers\n");
        assertThatThrownBy(() -> ReadmeTable.replace(readme, "table")).hasMessageContaining(ReadmeTable.START);
    }
}
