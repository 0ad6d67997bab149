package org.xai4j.experiments;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.xai4j.data.Sample;
import org.xai4j.report.HeatmapOverlay;
import org.xai4j.report.ImageGrid;
import org.xai4j.report.SaliencyDisplay;

/**
 * Saliency maps of several models side by side: one row per image, the image (channel 0) then one column per
 * model, lesion outlined in every tile. Display convention of Margeloiu et al. 2020 (METHODS.md 3.2,
 * {@link SaliencyDisplay#MARGELOIU}): per-pixel sum of |attribution| over channels, capped at its 99th percentile,
 * rescaled to [0, 1]; the heat map alone, so the maps of different models compare directly.
 */
final class SaliencyFigure {
    private static final int ZOOM = 2;

    private SaliencyFigure() {
    }

    /**
     * @param images the images, one per row
     * @param names  model names, one per column after the image
     * @param maps   maps.get(model).get(row): H*W saliency (already summed over channels)
     */
    static void write(Path png, List<Sample> images, List<String> names, List<List<float[]>> maps) {
        BufferedImage[][] tiles = new BufferedImage[images.size()][names.size() + 1];
        List<String> rows = new ArrayList<>();
        for (int r = 0; r < images.size(); r++) {
            Sample s = images.get(r);
            int w = s.width();
            tiles[r][0] = HeatmapOverlay.render(Arrays.copyOf(s.pixels(), s.height() * w), null, s.lesionMask(), w,
                    ZOOM);
            for (int c = 0; c < names.size(); c++) {
                double[] heat = SaliencyDisplay.MARGELOIU.normalise(doubles(maps.get(c).get(r)), 1);
                tiles[r][c + 1] = HeatmapOverlay.render(null, heat, s.lesionMask(), w, ZOOM);
            }
            rows.add(s.id());
        }
        List<String> columns = new ArrayList<>(List.of("image"));
        columns.addAll(names);
        ImageGrid.write(png, tiles, columns, rows);
    }

    private static double[] doubles(float[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i];
        }
        return d;
    }
}
