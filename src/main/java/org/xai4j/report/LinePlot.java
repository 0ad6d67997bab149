package org.xai4j.report;

import java.nio.file.Path;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Line charts as PNG, e.g. training curves (loss per epoch) or robustness curves (accuracy per attack
 * strength). Each series is {@code {xs, ys}}: two rows of equal length; NaN in {@code ys} leaves a gap.
 */
public final class LinePlot {
    private LinePlot() {
    }

    /** Writes the series (legend name to {@code {xs, ys}}, in map order) to {@code png} at 800 x 600. */
    public static void write(Path png, String title, String xLabel, Map<String, double[][]> series) {
        write(png, title, xLabel, "", series, Plots.DEFAULT_WIDTH, Plots.DEFAULT_HEIGHT);
    }

    /** Writes the series with a y-axis label and size. */
    public static void write(Path png, String title, String xLabel, String yLabel, Map<String, double[][]> series,
                             int width, int height) {
        if (series.isEmpty()) {
            throw new IllegalArgumentException("nothing to plot in " + png + ": no series");
        }
        XYChart chart = Plots.chart(width, height, title, xLabel, yLabel);
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideE);
        for (Map.Entry<String, double[][]> entry : series.entrySet()) {
            double[][] xy = entry.getValue();
            if (xy == null || xy.length != 2 || xy[0] == null || xy[1] == null || xy[0].length != xy[1].length
                    || xy[0].length == 0) {
                throw new IllegalArgumentException("series '" + entry.getKey()
                        + "' must be {xs, ys}: two non-empty rows of equal length");
            }
            chart.addSeries(entry.getKey(), xy[0].clone(), xy[1].clone()).setMarker(SeriesMarkers.CIRCLE);
        }
        chart.getStyler().setMarkerSize(4);
        Plots.writePng(chart, png);
    }
}
