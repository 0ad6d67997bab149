package org.xai4j.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;
import org.xai4j.util.AtomicFiles;

/** What the plot classes share: headless AWT, chart defaults and atomic PNG writing. */
final class Plots {
    static final int DEFAULT_WIDTH = 800;
    static final int DEFAULT_HEIGHT = 600;

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private Plots() {
    }

    /** A line chart with the project's look. */
    static XYChart chart(int width, int height, String title, String xLabel, String yLabel) {
        if (width < 50 || height < 50) {
            throw new IllegalArgumentException("a plot needs at least 50 x 50 pixels, got " + width + " x "
                    + height);
        }
        XYChart chart = new XYChartBuilder().width(width).height(height).title(title).xAxisTitle(xLabel)
                .yAxisTitle(yLabel).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE).setMarkerSize(0)
                .setChartBackgroundColor(java.awt.Color.WHITE);
        return chart;
    }

    /** Encodes {@code chart} as PNG in memory, then writes it to {@code target} atomically. */
    static void writePng(org.knowm.xchart.internal.chartpart.Chart<?, ?> chart, Path target) {
        byte[] png;
        try {
            png = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("could not encode " + target + ": " + e.getMessage(), e);
        }
        AtomicFiles.write(target, out -> out.write(png));
    }
}
