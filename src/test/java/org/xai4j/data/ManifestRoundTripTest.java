package org.xai4j.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestRoundTripTest {
    @TempDir
    Path tmp;

    @Test
    void exportThenLoadGivesTheSameSamplesBitForBit() {
        SampleSet set = Synth.of(6, 2, 3).channels(2).multiLabel().confounder("marker", 0.9).load();
        ManifestOptions opts = ManifestExporter.export(set, tmp.resolve("export"));
        SampleSet back = CsvManifestSource.load(opts, tmp);
        assertThat(back.labelNames()).containsExactly("tumor", "ms");
        assertThat(back.task()).isEqualTo(LabelTask.MULTI_LABEL);
        assertThat(back.channels()).isEqualTo(2);
        assertThat(back.height()).isEqualTo(64);
        assertThat(back.samples()).hasSize(11);
        for (int i = 0; i < set.samples().size(); i++) {
            Samples.assertSame(set.samples().get(i), back.samples().get(i));
        }
        assertThat(back.split(Split.TEST)).hasSize(3);
        assertThat(Files.exists(tmp.resolve("export/images/synth-train-00000_c1.png"))).isTrue();
    }

    @Test
    void binarySetWithoutMasksRoundTripsAndRelativePathsResolveAgainstTheManifest() throws Exception {
        SampleSet synth = Synth.of(3, 0, 2).load();
        List<Sample> plain = synth.samples().stream().map(s -> new Sample(s.id(), s.pixels(), 1, 64, 64, s.labels(),
                null, null, null, s.split())).toList();
        SampleSet set = new SampleSet(List.of("pathological"), LabelTask.BINARY, 1, 64, 64, plain);
        ManifestExporter.export(set, tmp.resolve("d"));
        ManifestOptions relative = ManifestOptions.of("d/manifest.csv", null, List.of("pathological"), null);
        SampleSet back = CsvManifestSource.load(relative, tmp);
        assertThat(back.task()).isEqualTo(LabelTask.BINARY);
        for (int i = 0; i < set.samples().size(); i++) {
            Samples.assertSame(set.samples().get(i), back.samples().get(i));
        }
        assertThat(Files.readString(tmp.resolve("d/manifest.csv")))
                .startsWith("id,image,pathological,split,boxes\n");
        // the temporary files of the atomic writes are gone
        try (var files = Files.list(tmp.resolve("d"))) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    @Test
    void readsRgbJpegAnd8BitAnd16BitGrey() throws Exception {
        BufferedImage rgb = new BufferedImage(8, 6, BufferedImage.TYPE_INT_RGB);
        rgb.setRGB(2, 1, 0xFF0000);
        rgb.setRGB(3, 1, 0x00FF00);
        ImageIO.write(rgb, "png", tmp.resolve("rgb.png").toFile());
        BufferedImage halves = new BufferedImage(8, 6, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 6; y++) {
            for (int x = 0; x < 8; x++) {
                halves.setRGB(x, y, x < 4 ? 0xFF0000 : 0x0000FF);
            }
        }
        ImageIO.write(halves, "jpg", tmp.resolve("rgb.jpg").toFile());
        BufferedImage grey = new BufferedImage(8, 6, BufferedImage.TYPE_BYTE_GRAY);
        grey.getRaster().setSample(4, 2, 0, 51);
        ImageIO.write(grey, "png", tmp.resolve("g8.png").toFile());
        BufferedImage deep = new BufferedImage(8, 6, BufferedImage.TYPE_USHORT_GRAY);
        deep.getRaster().setSample(4, 2, 0, 1000);
        ImageIO.write(deep, "png", tmp.resolve("g16.png").toFile());

        Files.writeString(tmp.resolve("m.csv"), "image,label,split\nrgb.png,1,train\nrgb.jpg,0,test\n");
        SampleSet colour = CsvManifestSource.load(ManifestOptions.defaults().withPath("m.csv"), tmp);
        assertThat(colour.channels()).isEqualTo(3);
        float[] png = colour.samples().get(0).pixels();
        int n = 48;
        assertThat(png[1 * 8 + 2]).isEqualTo(1f);          // red channel of the red pixel
        assertThat(png[n + 1 * 8 + 2]).isEqualTo(0f);      // its green channel
        assertThat(png[n + 1 * 8 + 3]).isEqualTo(1f);      // green channel of the green pixel
        float[] jpg = colour.samples().get(1).pixels();
        assertThat(jpg[3 * 8 + 1]).isGreaterThan(0.8f);        // lossy, but the left half is still red
        assertThat(jpg[2 * n + 3 * 8 + 1]).isLessThan(0.2f);
        assertThat(jpg[2 * n + 3 * 8 + 6]).isGreaterThan(0.8f); // and the right half blue
        assertThat(colour.samples().get(1).id()).isEqualTo("rgb.jpg");
        assertThat(colour.samples().get(1).split()).isEqualTo(Split.TEST);

        Files.writeString(tmp.resolve("g.csv"), "image,label\ng8.png,0\ng16.png,1\n");
        SampleSet greys = CsvManifestSource.load(ManifestOptions.defaults().withPath("g.csv"), tmp);
        assertThat(greys.channels()).isEqualTo(1);
        assertThat(greys.samples().get(0).pixels()[2 * 8 + 4]).isEqualTo(51 / 255f);
        assertThat(greys.samples().get(1).pixels()[2 * 8 + 4]).isEqualTo(1000 / 65535f);
    }

    @Test
    void withoutSplitColumnRowsAreSplitBySeededFractions() throws Exception {
        BufferedImage grey = new BufferedImage(4, 4, BufferedImage.TYPE_BYTE_GRAY);
        ImageIO.write(grey, "png", tmp.resolve("a.png").toFile());
        StringBuilder csv = new StringBuilder("id,image,label\n");
        for (int i = 0; i < 50; i++) {
            csv.append("s").append(i).append(",a.png,").append(i % 2).append('\n');
        }
        Files.writeString(tmp.resolve("m.csv"), csv);
        ManifestOptions o = ManifestOptions.defaults().withPath("m.csv");
        SampleSet a = CsvManifestSource.load(o, tmp);
        SampleSet b = CsvManifestSource.load(o, tmp);
        assertThat(a.split(Split.TRAIN)).hasSize(35);
        assertThat(a.split(Split.VAL)).hasSize(5);
        assertThat(a.split(Split.TEST)).hasSize(10);
        assertThat(a.samples().stream().map(Sample::split).toList())
                .isEqualTo(b.samples().stream().map(Sample::split).toList());
    }

    @Test
    void classIndexColumnBecomesOneHot() throws Exception {
        BufferedImage grey = new BufferedImage(4, 4, BufferedImage.TYPE_BYTE_GRAY);
        ImageIO.write(grey, "png", tmp.resolve("a.png").toFile());
        Files.writeString(tmp.resolve("m.csv"), "image,diagnosis,boxes\na.png,glioma,meningioma 0 0 2 2\n"
                + "a.png,meningioma,\na.png,glioma,0 1 1 3 3;1 0 0 1 1\n");
        ManifestOptions o = new ManifestOptions("m.csv", null, null, null, "diagnosis", null, null, null, null,
                null, null, null, null, null);
        SampleSet set = CsvManifestSource.load(o, tmp);
        assertThat(set.task()).isEqualTo(LabelTask.MULTI_CLASS);
        assertThat(set.labelNames()).containsExactly("glioma", "meningioma");
        assertThat(set.samples().get(1).labels()).containsExactly(0f, 1f);
        assertThat(set.samples().get(0).boxes()).containsExactly(new BoundingBox(1, 0, 0, 2, 2));
        assertThat(set.samples().get(2).boxes()).hasSize(2);
    }
}
