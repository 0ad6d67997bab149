package org.xai4j.report;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.knowm.xchart.BoxChart;
import org.knowm.xchart.BoxChartBuilder;

/** A box plot (XChart) of one distribution per series, e.g. bootstrap F1 per method; written atomically. */
public final class BoxPlot {
    private BoxPlot() {
    }

    /**
     * @param png    target file
     * @param title  chart title
     * @param yLabel value axis label
     * @param series name -> values (NaN values are left out)
     */
    public static void write(Path png, String title, String yLabel, Map<String, double[]> series) {
        if (series.isEmpty()) {
            throw new IllegalArgumentException("nothing to plot in " + png + ": no series");
        }
        BoxChart chart = new BoxChartBuilder().width(Plots.DEFAULT_WIDTH).height(Plots.DEFAULT_HEIGHT).title(title)
                .yAxisTitle(yLabel).build();
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        series.forEach((name, values) -> {
            double[] v = Arrays.stream(values).filter(Double::isFinite).toArray();
            chart.addSeries(name, v.length == 0 ? new double[] {0} : v);
        });
        Plots.writePng(chart, png);
    }
}
