package org.xai4j.segmentation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xai4j.attribution.AttributionOptions;
import org.xai4j.attribution.ExpectedGradients;
import org.xai4j.cli.Main;
import org.xai4j.data.DataSources;
import org.xai4j.data.Sample;
import org.xai4j.data.Split;
import org.xai4j.report.CsvTable;
import org.xai4j.testing.CommandLineRun;
import org.xai4j.testing.TinyRuns;
import org.xai4j.train.TrainingRun;

/** {@code xai4j segment} end to end on a tiny trained run: files written, sensible baseline, bad input. */
class SegmentCommandTest {
    @TempDir
    static Path dir;
    private static Path run;

    @BeforeAll
    static void trainTinyRun() {
        run = new TrainingRun(TinyRuns.config(1, "train.ui=false"), dir, "seg", null,
                new PrintStream(PrintStream.nullOutputStream())).execute().folder().dir();
    }

    private static CommandLineRun segment(String... args) {
        return CommandLineRun.of(Stream.concat(Stream.of("segment", "--run", run.toString()), Stream.of(args))
                .toArray(String[]::new));
    }

    @Test
    void writesMasksOverlaysScoresAndTheSummaryForEveryMethodAndBaseline() throws Exception {
        CommandLineRun r = segment("--methods", "grad,ixg,eg,gradcam", "--samples", "3", "--baseline", "all", "--limit", "5",
                "--ae-epochs", "2");
        assertThat(r.code()).as(r.err()).isEqualTo(0);
        Path out = run.resolve("segment");
        CsvTable summary = CsvTable.read(out.resolve(SegmentationOutputs.SUMMARY));
        assertThat(summary.header()).isEqualTo(SegmentationOutputs.SUMMARY_HEADER);
        assertThat(summary.rows()).extracting(row -> row.get(0)).containsExactly("grad", "ixg", "eg", "gradcam",
                "intensity", "autoencoder");
        assertThat(summary.rows()).extracting(row -> row.get(1)).containsExactly("attribution", "attribution",
                "attribution", "attribution", "baseline", "baseline");
        List<String> ids = SegmentationEvaluator.pathological(DataSources.load(TinyRuns.config(1).data(),
                Path.of(".")).split(Split.TEST), 5).stream().map(Sample::id).toList();
        assertThat(ids).hasSize(5);
        for (String method : List.of("grad", "ixg", "eg", "gradcam", "intensity", "autoencoder")) {
            CsvTable scores = CsvTable.read(out.resolve(method).resolve(SegmentationOutputs.SCORES));
            assertThat(scores.rows()).hasSize(6);
            assertThat(scores.rows().subList(0, 5)).extracting(row -> row.get(0)).containsExactlyElementsOf(ids);
            assertThat(scores.rows().get(5).get(0)).isEqualTo("mean");
            double mean = 0;
            for (List<String> row : scores.rows().subList(0, 5)) {
                double dice = Double.parseDouble(row.get(2));
                assertThat(dice).isBetween(0.0, 1.0);
                mean += dice / 5;
            }
            assertThat(Double.parseDouble(scores.rows().get(5).get(2))).isCloseTo(mean,
                    org.assertj.core.api.Assertions.within(1e-12));
            for (String id : ids) {
                assertThat(out.resolve(method).resolve("masks").resolve(id + ".png")).isRegularFile();
                assertThat(out.resolve(method).resolve("overlays").resolve(id + ".png")).isRegularFile();
            }
        }
        java.awt.image.BufferedImage overlay = javax.imageio.ImageIO.read(
                out.resolve("grad/overlays").resolve(ids.get(0) + ".png").toFile());
        assertThat(overlay.getWidth()).isEqualTo(3 * 128 + 4);
        java.awt.image.BufferedImage mask = javax.imageio.ImageIO.read(
                out.resolve("intensity/masks").resolve(ids.get(0) + ".png").toFile());
        assertThat(mask.getWidth()).isEqualTo(32);
        assertThat(out.resolve(SegmentationOutputs.SUMMARY_MD)).content().contains("| intensity | baseline | 5 |");
        assertThat(out.resolve(SegmentationContext.AUTOENCODER)).isRegularFile();
        assertThat(r.out()).contains("autoencoder: training on the").contains("pixel AUROC");

        // a second call loads the saved autoencoder instead of training again
        CommandLineRun again = segment("--methods", "none", "--baseline", "autoencoder", "--limit", "2", "--out",
                dir.resolve("again").toString());
        assertThat(again.code()).as(again.err()).isEqualTo(0);
        assertThat(again.out()).contains("autoencoder: loaded").doesNotContain("autoencoder epoch");
        assertThat(CsvTable.read(dir.resolve("again").resolve(SegmentationOutputs.SUMMARY)).rows()).hasSize(1);
    }

    @Test
    void bestDiceIsChosenOnValidationAndReported() {
        Path out = dir.resolve("best");
        CommandLineRun r = segment("--methods", "none", "--threshold", "best-dice", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isEqualTo(0);
        assertThat(r.out()).contains("chosen on");
        List<String> row = CsvTable.read(out.resolve(SegmentationOutputs.SUMMARY)).rows().get(0);
        assertThat(row.get(3)).isEqualTo("best-dice");
        assertThat(Double.parseDouble(row.get(4))).isBetween(0.0, 1.0);
    }

    @Test
    void segmentsImagesOfAnotherDataSection() throws Exception {
        Path ms = dir.resolve("ms.yaml");
        Files.writeString(ms, "data:\n  synthetic: {size: 32, train: 0, val: 4, test: 12, pathologies: [ms], "
                + "seed: 5}\n");
        Path out = dir.resolve("ms-out");
        CommandLineRun r = segment("--data", ms.toString(), "--methods", "grad", "--limit", "3", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isEqualTo(0);
        CsvTable scores = CsvTable.read(out.resolve("grad").resolve(SegmentationOutputs.SCORES));
        assertThat(scores.rows()).hasSize(4);
        assertThat(scores.rows().get(0).get(0)).startsWith("synth-test-");
        assertThat(Integer.parseInt(scores.rows().get(0).get(6))).as("small MS lesions").isLessThan(200);
    }

    @Test
    void javaApiScoresSeveralMethodsOfARun() {
        SegmentationContext context = SegmentationContext.load(run, null, "last");
        assertThat(context.attributionOptions(AttributionOptions.defaults()).of("eg", ExpectedGradients.Options.class)
                .background().size(0)).isEqualTo(SegmentationContext
                .BACKGROUND_IMAGES);
        SegmentationEvaluator evaluator = new SegmentationEvaluator(SegmentationOptions.defaults().withSigma(1.0));
        for (String method : List.of("grad", "gradcam")) {
            MethodSummary s = evaluator.evaluate(context.attribution(method), context.split(Split.VAL),
                    context.split(Split.TEST)).summary();
            assertThat(s.method()).isEqualTo(method);
            assertThat(s.kind()).isEqualTo(SourceKind.ATTRIBUTION);
            assertThat(s.images()).isEqualTo(SegmentationEvaluator.pathological(context.split(Split.TEST),
                    Integer.MAX_VALUE).size());
            assertThat(s.meanDice()).isBetween(0.0, 1.0);
            assertThat(s.pixelAuroc()).isBetween(0.0, 1.0);
        }
        assertThat(SegmentationContext.methods()).containsAll(SegmentationContext.DEFAULT_METHODS);
    }

    @Test
    void badInputExitsWithCodeTwoNamingTheOption() throws Exception {
        assertBad(segment("--threshold", "median"), "--threshold");
        assertBad(segment("--threshold", "percentile:120"), "--threshold");
        assertBad(segment("--methods", "lime"), "--methods");
        assertBad(segment("--methods", "smoothgrad:lime", "--limit", "1"), "--methods");
        assertBad(segment("--samples", "0"), "--samples");
        assertBad(segment("--baseline", "gan"), "--baseline");
        assertBad(segment("--methods", "none", "--baseline", "none"), "nothing to segment");
        assertBad(segment("--sigma", "-1"), "--sigma");
        assertBad(segment("--normalise", "zscore"), "--normalise");
        assertBad(segment("--limit", "0"), "--limit");
        assertBad(segment("--data", dir.resolve("missing.yaml").toString()), "--data");
        Path other = dir.resolve("other.yaml");
        Files.writeString(other, "data:\n  synthetic: {size: 64, train: 2, val: 2, test: 2, pathologies: [tumor]}\n");
        assertBad(segment("--data", other.toString(), "--methods", "grad"), "--data");
        CommandLineRun noRun = segmentOther(dir.resolve("no-such-run"));
        assertThat(noRun.code()).isEqualTo(Main.USAGE);
        assertThat(noRun.err()).contains("no-such-run");
    }

    private static CommandLineRun segmentOther(Path runDir) {
        return CommandLineRun.of("segment", "--run", runDir.toString());
    }

    private static void assertBad(CommandLineRun r, String mention) {
        assertThat(r.code()).as(r.err()).isEqualTo(Main.USAGE);
        assertThat(r.err()).contains(mention);
    }
}
