package org.xai4j.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xai4j.metrics.RocCurve;

class PlotTest {
    @TempDir
    Path dir;

    private static BufferedImage png(Path file) throws Exception {
        byte[] bytes = Files.readAllBytes(file);
        assertThat(bytes).startsWith(0x89, 'P', 'N', 'G');
        return ImageIO.read(file.toFile());
    }

    @Test
    void rocPlotIsAPngOfTheRequestedSizeAndOverwritesAtomically() throws Exception {
        Map<String, RocCurve> curves = new LinkedHashMap<>();
        curves.put("tumor", RocCurve.of(new double[] {0.1, 0.4, 0.35, 0.8}, new int[] {0, 0, 1, 1}));
        curves.put("ms", RocCurve.of(new double[] {0.3, 0.2}, new int[] {0, 0}));
        Path file = dir.resolve("plots/roc.png");
        RocPlot.write(file, "test ROC", curves, 320, 240);
        BufferedImage image = png(file);
        assertThat(image.getWidth()).isEqualTo(320);
        assertThat(image.getHeight()).isEqualTo(240);
        RocPlot.write(file, curves);
        assertThat(png(file).getWidth()).isEqualTo(800);
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void linePlotDrawsSeriesWithGaps() throws Exception {
        Map<String, double[][]> series = new LinkedHashMap<>();
        series.put("train loss", new double[][] {{1, 2, 3}, {0.9, 0.5, 0.3}});
        series.put("val loss", new double[][] {{1, 2, 3}, {1.0, Double.NaN, 0.4}});
        Path file = dir.resolve("loss.png");
        LinePlot.write(file, "loss", "epoch", "loss", series, 400, 300);
        BufferedImage image = png(file);
        assertThat(image.getWidth()).isEqualTo(400);
        assertThat(image.getHeight()).isEqualTo(300);
        LinePlot.write(file, "loss", "epoch", series);
        assertThat(png(file).getHeight()).isEqualTo(600);
    }

    @Test
    void linePlotRefusesMalformedSeries() {
        Path file = dir.resolve("bad.png");
        assertThatThrownBy(() -> LinePlot.write(file, "t", "x", Map.of("s", new double[][] {{1, 2}, {1}})))
                .hasMessage("series 's' must be {xs, ys}: two non-empty rows of equal length");
        assertThat(file).doesNotExist();
    }
}
