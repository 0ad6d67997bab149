package org.xai4j.report;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.xai4j.util.AtomicFiles;

/**
 * Several scatter plots side by side in one PNG, one panel per x variable against a shared y, e.g. a search's
 * objective against each searched parameter.
 */
public final class ScatterGrid {
    static final int PANEL_WIDTH = 420;
    static final int PANEL_HEIGHT = 340;
    static final int COLUMNS = 3;

    private ScatterGrid() {
    }

    /**
     * One panel.
     *
     * @param xLabel axis title
     * @param logX   log-scale x axis (every x must be &gt; 0)
     * @param series legend name to {@code {xs, ys}} (rows of equal length; empty series are left out)
     */
    public record Panel(String xLabel, boolean logX, Map<String, double[][]> series) {
    }

    /** Writes the panels ({@code <yLabel> vs <xLabel>}), {@value #COLUMNS} to a row, to {@code png} atomically. */
    public static void write(Path png, String yLabel, List<Panel> panels) {
        if (panels.isEmpty()) {
            throw new IllegalArgumentException("nothing to plot in " + png + ": no panel");
        }
        int columns = Math.min(COLUMNS, panels.size());
        int rows = (panels.size() + columns - 1) / columns;
        BufferedImage image = new BufferedImage(columns * PANEL_WIDTH, rows * PANEL_HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        for (int i = 0; i < panels.size(); i++) {
            XYChart chart = chart(yLabel, panels.get(i));
            Graphics2D cell = (Graphics2D) g.create((i % columns) * PANEL_WIDTH, (i / columns) * PANEL_HEIGHT,
                    PANEL_WIDTH, PANEL_HEIGHT);
            chart.paint(cell, PANEL_WIDTH, PANEL_HEIGHT);
            cell.dispose();
        }
        g.dispose();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("could not encode " + png + ": " + e.getMessage(), e);
        }
        byte[] encoded = bytes.toByteArray();
        AtomicFiles.write(png, out -> out.write(encoded));
    }

    private static XYChart chart(String yLabel, Panel panel) {
        XYChart chart = Plots.chart(PANEL_WIDTH, PANEL_HEIGHT, yLabel + " vs " + panel.xLabel(), panel.xLabel(), yLabel);
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter)
                .setXAxisLogarithmic(panel.logX()).setLegendPosition(Styler.LegendPosition.InsideSE).setMarkerSize(7);
        boolean any = false;
        for (Map.Entry<String, double[][]> s : panel.series().entrySet()) {
            double[][] xy = s.getValue();
            if (xy[0].length != xy[1].length) {
                throw new IllegalArgumentException("series '" + s.getKey() + "' must be {xs, ys} of equal length");
            }
            if (xy[0].length == 0) {
                continue;
            }
            chart.addSeries(s.getKey(), xy[0].clone(), xy[1].clone()).setMarker(SeriesMarkers.CIRCLE);
            any = true;
        }
        if (!any) {
            // XChart cannot draw an empty chart: one invisible point keeps the axes
            chart.addSeries(" ", new double[] {panel.logX() ? 1 : 0}, new double[] {0}).setMarker(SeriesMarkers.NONE);
        }
        return chart;
    }
}
