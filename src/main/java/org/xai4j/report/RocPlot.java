package org.xai4j.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.xai4j.metrics.RocCurve;

/**
 * ROC curves as a PNG: one line per curve labelled {@code name (AUC = 0.873)} and a dashed chance diagonal.
 * Undefined curves (one class absent) have no points; they are listed in the legend as
 * {@code name (AUC undefined: ...)} on an empty series.
 */
public final class RocPlot {
    private RocPlot() {
    }

    /** Writes {@code curves} (legend name to curve, in map order) to {@code png} at 800 x 600 pixels. */
    public static void write(Path png, Map<String, RocCurve> curves) {
        write(png, "ROC", curves, Plots.DEFAULT_WIDTH, Plots.DEFAULT_HEIGHT);
    }

    /** Writes {@code curves} to {@code png} with a title and size. */
    public static void write(Path png, String title, Map<String, RocCurve> curves, int width, int height) {
        XYChart chart = Plots.chart(width, height, title, "false-positive rate", "true-positive rate");
        chart.getStyler().setXAxisMin(0.0).setXAxisMax(1.0).setYAxisMin(0.0).setYAxisMax(1.0);
        XYSeries chance = chart.addSeries("chance", new double[] {0, 1}, new double[] {0, 1});
        chance.setMarker(SeriesMarkers.NONE);
        chance.setLineColor(Color.GRAY);
        chance.setLineStyle(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                        new float[] {6f, 6f}, 0f));
        for (Map.Entry<String, RocCurve> entry : curves.entrySet()) {
            RocCurve roc = entry.getValue();
            String label = roc.isDefined()
                    ? String.format(Locale.ROOT, "%s (AUC = %.3f)", entry.getKey(), roc.auc())
                    : entry.getKey() + " (AUC undefined: " + roc.undefinedReason() + ")";
            double[] x = roc.isDefined() ? roc.fpr() : new double[] {Double.NaN};
            double[] y = roc.isDefined() ? roc.tpr() : new double[] {Double.NaN};
            chart.addSeries(label, x, y).setMarker(SeriesMarkers.NONE);
        }
        Plots.writePng(chart, png);
    }
}
