package org.xai4j.experiments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xai4j.cli.Main;
import org.xai4j.report.CsvTable;
import org.xai4j.testing.FiniteDifferences;

/** The experiment command end to end on a tiny base config, and the README table replacement. */
class AttributionConstraintExperimentTest {
    @Test
    void runsFromOneCommandAndRewritesTheReadmeTable(@TempDir Path dir) throws Exception {
        FiniteDifferences.singleThreaded();
        Files.writeString(dir.resolve("base.yaml"), """
                name: tiny-constraint
                seed: 3
                data:
                  synthetic: {size: 32, train: 48, val: 24, test: 24, pathologies: [tumor, ms]}
                model: {architecture: resnet18, widthMultiplier: 0.125, blocks: [1, 1, 1, 1]}
                train:
                  epochs: 1
                  batchSize: 16
                  ui: false
                  constraint: {lambda: 0.1, penalty: relu, scale: 100, difference: forward}
                """);
        Files.writeString(dir.resolve("README.md"), "# x\n\nbefore\n" + ReadmeTable.START + "\nold\n" + ReadmeTable.END
                + "\nafter\n");
        int code = Main.run("experiment", "attribution-constraint", "--folder", dir.toString(), "--variants",
                "unconstrained", "--variant", "mine:train.constraint.enabled=true;train.constraint.attribution=ixg",
                "--variant", "confounded:data.synthetic.train=32;data.synthetic.confounder.type=intensity",
                "--option", "ae-epochs=1", "--seeds", "3,4");
        assertThat(code).isZero();
        CsvTable table = CsvTable.read(dir.resolve("out/table.csv"));
        assertThat(table.rows()).extracting(r -> r.get(0) + "/" + r.get(1)).containsExactly("unconstrained/3",
                "unconstrained/4", "mine/3", "mine/4", "confounded/3", "confounded/4", "intensity/3", "autoencoder/3",
                "autoencoder/4");
        assertThat(table.rows().get(0).get(2)).as("the seeds train different models")
                .isNotEqualTo(table.rows().get(1).get(2));
        assertThat(table.header()).contains("test_auc", "ms_dice_grad", "ms_dice_ixg", "tumor_dice_gradcam");
        String readme = Files.readString(dir.resolve("README.md"));
        assertThat(readme).startsWith("# x\n\nbefore\n").endsWith("after\n").doesNotContain("old")
                .contains("| mine | 2 | ").contains("| intensity | 1 | ").contains("| autoencoder | 2 | ")
                .contains(" +- ").contains("| 1.00x |");
        assertThat(dir.resolve("out/runs/mine-s3/metrics.csv")).exists();
        assertThat(dir.resolve("out/runs/mine-s4/metrics.csv")).exists();
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.JsonNode base = json.readTree(dir.resolve("out/runs/mine-s3/provenance.json").toFile());
        com.fasterxml.jackson.databind.JsonNode own = json.readTree(dir.resolve("out/runs/confounded-s3/provenance.json")
                .toFile());
        assertThat(own.get("samples").asInt()).as("a variant's data overrides give it its own data set")
                .isEqualTo(32 + 24 + 24).isLessThan(base.get("samples").asInt());
        assertThat(own.get("dataSha256").asText()).isNotEqualTo(base.get("dataSha256").asText());

        // --reuse scores the finished runs again without training them
        long trained = Files.getLastModifiedTime(dir.resolve("out/runs/unconstrained-s3/best.ckpt")).toMillis();
        assertThat(Main.run("experiment", "attribution-constraint", "--folder", dir.toString(), "--variants",
                "unconstrained", "--option", "baselines=false", "--seeds", "3,4", "--reuse")).isZero();
        assertThat(Files.getLastModifiedTime(dir.resolve("out/runs/unconstrained-s3/best.ckpt")).toMillis()).isEqualTo(trained);
        CsvTable again = CsvTable.read(dir.resolve("out/table.csv"));
        assertThat(again.rows()).hasSize(2);
        assertThat(again.rows().get(0).subList(0, 3)).isEqualTo(table.rows().get(0).subList(0, 3));
    }

    @Test
    void unknownExperimentsModelsAndOptionsAreNamed() {
        assertThat(Main.run("experiment", "attribution-constrain")).isEqualTo(2);
        assertThatThrownBy(() -> Experiments.named("attribution-constrain")).hasMessageContaining(
                "registered: attribution-constraint, adversarial-interpretability");
        assertThat(Main.run("experiment", "attribution-constraint", "--variants", "nope")).isEqualTo(2);
        assertThat(Main.run("experiment", "attribution-constraint", "--option", "ae-epoch=3")).isEqualTo(2);
        assertThat(Main.run("experiment", "adversarial-interpretability", "--seeds", "1,2")).isEqualTo(2);
        assertThat(Main.run("experiment", "--list")).isZero();
    }

    @Test
    void readmeWithoutMarkersIsAnError(@TempDir Path dir) throws Exception {
        Path readme = Files.writeString(dir.resolve("README.md"), "no markers");
        assertThatThrownBy(() -> ReadmeTable.replace(readme, "x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(ReadmeTable.START);
    }
}
