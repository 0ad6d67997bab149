package org.xai4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xai4j.config.RunConfig;
import org.xai4j.testing.TinyRuns;
import org.xai4j.train.TrainingRun;

/** HAM10000 read from a fixture with the public metadata header, generated RGB JPEGs and a few lesion masks. */
class Ham10000SourceTest {
    static final String HEADER = "lesion_id,image_id,dx,dx_type,age,sex,localization";

    /** 20 lesions of 2 images each, diagnoses in turn; masks for the first 6 images. */
    static Path fixture(Path dir) throws IOException {
        Path part1 = Files.createDirectories(dir.resolve("HAM10000_images_part_1"));
        Path part2 = Files.createDirectories(dir.resolve("HAM10000_images_part_2"));
        Path masks = Files.createDirectories(dir.resolve(Ham10000Source.MASKS));
        List<String> rows = new ArrayList<>(List.of(HEADER));
        int n = 0;
        for (int lesion = 0; lesion < 20; lesion++) {
            String dx = Ham10000Options.DIAGNOSES.get(lesion % 7);
            for (int k = 0; k < 2; k++) {
                String id = String.format("ISIC_%07d", n);
                BufferedImage img = new BufferedImage(60, 45, BufferedImage.TYPE_INT_RGB);
                for (int y = 0; y < 45; y++) {
                    for (int x = 0; x < 60; x++) {
                        img.setRGB(x, y, x < 30 ? 0xC08040 : 0x204060);
                    }
                }
                ImageIO.write(img, "jpg", (n % 2 == 0 ? part1 : part2).resolve(id + ".jpg").toFile());
                if (n < 6) {
                    float[] m = new float[45 * 60];
                    for (int i = 0; i < 45 * 30; i++) {
                        m[(i / 30) * 60 + i % 30] = 1;
                    }
                    ImageFiles.write8(masks.resolve(id + "_segmentation.png"), m, 45, 60);
                }
                rows.add(String.format("HAM_%07d,%s,%s,histo,55.0,female,back", lesion, id, dx));
                n++;
            }
        }
        Files.write(dir.resolve(Ham10000Source.METADATA), rows);
        return dir;
    }

    static SampleSet load(Path dir, String task) {
        return new Ham10000Source(new Ham10000Options(dir.toString(), 16, task, 0.2, 0.2, 5L, null), dir).load();
    }

    @Test
    void readsTheMetadataImagesAndMasksAndSplitsByLesion(@TempDir Path dir) throws IOException {
        SampleSet set = load(fixture(dir), null);
        assertThat(set.task()).isEqualTo(LabelTask.MULTI_CLASS);
        assertThat(set.labelNames()).isEqualTo(Ham10000Options.DIAGNOSES);
        assertThat(set.channels()).isEqualTo(3);
        assertThat(set.samples()).hasSize(40);
        Map<String, List<Split>> byLesion = new java.util.HashMap<>();
        for (Sample s : set.samples()) {
            int index = Integer.parseInt(s.id().substring(5));
            byLesion.computeIfAbsent("L" + index / 2, k -> new ArrayList<>()).add(s.split());
        }
        assertThat(byLesion.values()).allSatisfy(splits -> assertThat(splits).containsOnly(splits.get(0)));
        assertThat(set.samples().stream().map(Sample::split).collect(Collectors.toSet())).hasSize(3);
        Sample first = set.samples().get(0);
        assertThat(first.labels()).containsExactly(1, 0, 0, 0, 0, 0, 0); // akiec
        assertThat(set.samples().get(8).labels()[4]).as("lesion 4 is mel").isEqualTo(1f);
        // 60x45 -> 16x16, each channel by area averaging: the left half keeps its colour
        assertThat(first.pixels()[3 * 16 + 2]).isCloseTo(0xC0 / 255f, org.assertj.core.data.Offset.offset(0.03f));
        assertThat(first.pixels()[2 * 256 + 3 * 16 + 13]).isCloseTo(0x60 / 255f,
                org.assertj.core.data.Offset.offset(0.03f));
        assertThat(first.lesionMask()).isNotNull();
        assertThat(first.lesionMask()[3 * 16 + 2]).isEqualTo(1f);
        assertThat(first.lesionMask()[3 * 16 + 13]).isEqualTo(0f);
        assertThat(set.samples().get(7).lesionMask()).as("no mask file").isNull();
    }

    @Test
    void melanomaVersusNevusKeepsOnlyThoseImages(@TempDir Path dir) throws IOException {
        SampleSet set = load(fixture(dir), Ham10000Options.MELANOMA_VS_NEVUS);
        assertThat(set.task()).isEqualTo(LabelTask.BINARY);
        assertThat(set.labelNames()).containsExactly("melanoma");
        // lesions 4, 11, 18 are mel; 5, 12, 19 are nv
        assertThat(set.samples()).hasSize(12);
        assertThat(set.samples().stream().filter(Sample::isPathological).count()).isEqualTo(6);
    }

    @Test
    void aConfigTrainsAndBadFilesAreNamed(@TempDir Path dir) throws IOException {
        fixture(dir.resolve("ham"));
        RunConfig config = TinyRuns.config(1, "data.source=ham10000", "data.ham10000.folder=" + dir.resolve("ham"),
                "data.ham10000.size=32", "train.ui=false", "train.loss=softmax-ce");
        TrainingRun.Outcome run = new TrainingRun(config, dir.resolve("runs"), "ham", null,
                new PrintStream(PrintStream.nullOutputStream())).execute();
        assertThat(run.folder().dir().resolve("best.ckpt")).exists();

        Path meta = dir.resolve("ham").resolve(Ham10000Source.METADATA);
        List<String> good = Files.readAllLines(meta);
        Files.write(meta, List.of(HEADER.replace(",dx,", ",diagnosis,"), good.get(1)));
        assertThatThrownBy(() -> load(dir.resolve("ham"), null)).isInstanceOf(DataException.class)
                .hasMessageContaining(Ham10000Source.METADATA).hasMessageContaining("'dx'");
        Files.write(meta, List.of(HEADER, good.get(1), good.get(2).replace(",akiec,", ",melanoma,")));
        assertThatThrownBy(() -> load(dir.resolve("ham"), null)).hasMessageContaining("line 3")
                .hasMessageContaining("column 'dx'").hasMessageContaining("melanoma");
        Files.write(meta, List.of(HEADER, good.get(1).replace("ISIC_0000000", "ISIC_9999999")));
        assertThatThrownBy(() -> load(dir.resolve("ham"), null)).hasMessageContaining("ISIC_9999999.jpg")
                .hasMessageContaining("image not found");
    }
}
