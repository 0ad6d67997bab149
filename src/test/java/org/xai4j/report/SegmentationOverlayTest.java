package org.xai4j.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Panels, colours and contours of the segmentation overlay, and the mask PNG. */
class SegmentationOverlayTest {
    @Test
    void drawsInputMapAndContours(@TempDir Path dir) throws Exception {
        // 3 x 3: true lesion = centre pixel + the one to its right; predicted = centre only
        float[] image = {0, 0, 0, 0, 1, 0.5f, 0, 0, 0};
        float[] map = {0, 0, 0, 0, 2, 1, 0, 0, 0};
        float[] truth = {0, 0, 0, 0, 1, 1, 0, 0, 0};
        float[] predicted = {0, 0, 0, 0, 1, 0, 0, 0, 0};
        Path png = dir.resolve("o.png");
        SegmentationOverlay.write(png, image, map, predicted, truth, 3, 3, 1);
        BufferedImage img = ImageIO.read(png.toFile());
        assertThat(img.getWidth()).isEqualTo(3 * 3 + 4);
        assertThat(img.getHeight()).isEqualTo(3);
        assertThat(img.getRGB(1, 1) & 0xFFFFFF).as("input centre").isEqualTo(0xFFFFFF);
        assertThat(img.getRGB(2, 1) & 0xFFFFFF).as("input 0.5").isEqualTo(0x808080);
        assertThat(img.getRGB(5 + 1, 1) & 0xFFFFFF).as("map max is white").isEqualTo(0xFFFFFF);
        assertThat(img.getRGB(5 + 2, 1) & 0xFFFFFF).as("map half is orange-yellow").isEqualTo(
                SegmentationOverlay.hot(0.5));
        assertThat(img.getRGB(5, 0) & 0xFFFFFF).as("map zero is black").isEqualTo(0);
        assertThat(img.getRGB(10 + 1, 1) & 0xFFFFFF).as("both contours").isEqualTo(0xFFE020);
        assertThat(img.getRGB(10 + 2, 1) & 0xFFFFFF).as("true contour only").isEqualTo(0xFF2020);
        assertThat(img.getRGB(10 + 0, 0) & 0xFFFFFF).as("no contour: the input").isEqualTo(0);
        assertThat(SegmentationOverlay.hot(1.0 / 3)).isEqualTo(0xFF0000);
        assertThatThrownBy(() -> SegmentationOverlay.write(png, image, map, predicted, new float[2], 3, 3, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void maskPngIsBinary(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("m.png");
        MaskImage.write(png, new float[] {0f, 0.5f, 0.49f, 1f}, 2, 2);
        BufferedImage img = ImageIO.read(png.toFile());
        assertThat(img.getRaster().getSample(0, 0, 0)).isEqualTo(0);
        assertThat(img.getRaster().getSample(1, 0, 0)).isEqualTo(255);
        assertThat(img.getRaster().getSample(0, 1, 0)).isEqualTo(0);
        assertThat(img.getRaster().getSample(1, 1, 0)).isEqualTo(255);
    }
}
