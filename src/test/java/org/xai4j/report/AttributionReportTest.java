package org.xai4j.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Display conventions, overlays, grids and the HTML report. */
class AttributionReportTest {
    @Test
    void margeloiuSumsAbsoluteValuesOverChannelsAndCapsAtThe99thPercentile() {
        // 2 channels x 101 pixels: |a| summed = 0, 1, ..., 100 -> 99th percentile = 99
        double[] map = new double[202];
        for (int i = 0; i < 101; i++) {
            map[i] = -i / 2.0;
            map[101 + i] = i / 2.0;
        }
        double[] d = SaliencyDisplay.MARGELOIU.normalise(map, 2);
        assertThat(d).hasSize(101);
        assertThat(d[0]).isZero();
        assertThat(d[50]).isCloseTo(50 / 99.0, offset(1e-15));
        assertThat(d[99]).isEqualTo(1.0);
        assertThat(d[100]).isEqualTo(1.0);
        assertThat(SaliencyDisplay.percentile(new double[] {4, 1, 3, 2}, 50)).isEqualTo(2.5);
        assertThat(SaliencyDisplay.MARGELOIU.normalise(new double[4], 1)).containsOnly(0.0);
    }

    @Test
    void khakzarClipsAtThreeStandardDeviationsAboveTheMean() {
        double[] map = new double[100];
        map[0] = 1000; // one outlier among 99 ones: mean 10.99, clip at mean + 3 std ~ 309.2
        for (int i = 1; i < 100; i++) {
            map[i] = 1;
        }
        double mean = 10.99;
        double clip = mean + 3 * Math.sqrt(((1000 - mean) * (1000 - mean) + 99 * (1 - mean) * (1 - mean)) / 100);
        double[] d = SaliencyDisplay.KHAKZAR.normalise(map, 1);
        assertThat(d[0]).isEqualTo(1.0);
        assertThat(d[1]).isCloseTo(1 / clip, offset(1e-12));
        assertThat(SaliencyDisplay.parse("Khakzar")).isEqualTo(SaliencyDisplay.KHAKZAR);
        assertThatThrownBy(() -> SaliencyDisplay.parse("jet")).hasMessageContaining("margeloiu");
    }

    @Test
    void overlaysBlendHeatOverGreyAndOutlineTheMask(@TempDir Path dir) throws Exception {
        float[] grey = {0.5f, 0.5f, 0.5f, 0.5f};
        double[] heat = {0, 1, 0, 0.5};
        float[] mask = {0, 0, 0, 1};
        BufferedImage img = HeatmapOverlay.render(grey, heat, null, 2, 3);
        assertThat(img.getWidth()).isEqualTo(6);
        assertThat(img.getRGB(0, 0) & 0xFFFFFF).isEqualTo(0x808080); // cold: the image itself
        int hot = img.getRGB(3, 0) & 0xFFFFFF; // 25% grey + 75% pale yellow (252, 255, 164)
        assertThat(hot >> 16 & 255).isEqualTo((int) Math.round(0.25 * 128 + 0.75 * 252));
        assertThat(hot & 255).isEqualTo((int) Math.round(0.25 * 128 + 0.75 * 164));
        BufferedImage outlined = HeatmapOverlay.render(grey, null, mask, 2, 3);
        assertThat(outlined.getRGB(3, 3) & 0xFFFFFF).isEqualTo(0x20E020); // mask edge
        assertThat(outlined.getRGB(4, 4) & 0xFFFFFF).isEqualTo(0x808080); // mask interior
        Path png = dir.resolve("o.png");
        HeatmapOverlay.write(png, grey, heat, mask, 2, 3);
        assertThat(ImageIO.read(png.toFile()).getHeight()).isEqualTo(6);
        BufferedImage grid = ImageGrid.render(new BufferedImage[][] {{img, img}, {img, img}}, List.of("a", "b"),
                List.of("r1", "r2"));
        assertThat(grid.getWidth()).isGreaterThan(12);
        assertThatThrownBy(() -> ImageGrid.render(new BufferedImage[][] {{img}}, List.of("a", "b"), List.of("r")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void htmlReportIsSelfContainedAndEscaped(@TempDir Path dir) throws Exception {
        BufferedImage img = HeatmapOverlay.render(new float[] {0, 1}, null, null, 2, 1);
        Path file = dir.resolve("r.html");
        new HtmlReport("a <b> & c").paragraph("x < y").table(List.of("m", "v"), List.of(List.of("ig", 0.123456)))
                .image(img, "grid").write(file);
        String html = Files.readString(file);
        assertThat(html).contains("a &lt;b&gt; &amp; c", "x &lt; y", "<td>0.1235</td>", "data:image/png;base64,")
                .doesNotContain("src=\"http", "<script");
    }
}
