package org.xai4j.explain;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.xai4j.attribution.checks.RandomisationCheck;
import org.xai4j.data.Sample;
import org.xai4j.metrics.LocalisationAccuracy;
import org.xai4j.report.CsvTable;
import org.xai4j.report.HeatmapOverlay;
import org.xai4j.report.HtmlReport;
import org.xai4j.report.ImageGrid;
import org.xai4j.run.RunFolder;

/**
 * Writes the outputs of {@code explain}: {@code overlays/<n>_<id>_<method>.png} (heat map over the image, lesion
 * outlined), {@code grid.png} (the first images by every method), {@code metrics.csv} (one row per image and
 * method), {@code summary.csv} (one row per method), {@code sanity.csv} (the randomisation cascade) and a
 * self-contained {@code report.html} showing them.
 */
final class ExplainWriter {
    private ExplainWriter() {
    }

    static void write(ExplainOptions o, RunFolder run, List<Sample> samples, int[] targets, List<String> labels,
                      List<MethodResult> results) {
        Path dir = o.outDir();
        int w = samples.get(0).width();
        int zoom = Math.max(1, 128 / w);
        List<BufferedImage> inputs = new ArrayList<>();
        List<List<BufferedImage>> overlays = new ArrayList<>();
        for (int i = 0; i < samples.size(); i++) {
            Sample s = samples.get(i);
            float[] grey = Arrays.copyOf(s.pixels(), s.height() * w);
            String stem = String.format(Locale.ROOT, "overlays/%03d_%s", i, safe(s.id()));
            BufferedImage input = HeatmapOverlay.render(grey, null, s.lesionMask(), w, zoom);
            HeatmapOverlay.write(dir.resolve(stem + "_input.png"), grey, null, s.lesionMask(), w, zoom);
            inputs.add(input);
            List<BufferedImage> row = new ArrayList<>();
            for (MethodResult r : results) {
                double[] heat = r.display().get(i);
                row.add(HeatmapOverlay.render(grey, heat, s.lesionMask(), w, zoom));
                HeatmapOverlay.write(dir.resolve(stem + "_" + safe(r.method()) + ".png"), grey, heat,
                        s.lesionMask(), w, zoom);
            }
            overlays.add(row);
        }
        List<String> columns = new ArrayList<>(List.of("input"));
        results.forEach(r -> columns.add(r.method()));
        int gridRows = Math.min(o.gridImages(), samples.size());
        BufferedImage grid = null;
        if (gridRows > 0) {
            BufferedImage[][] tiles = new BufferedImage[gridRows][];
            List<String> rowTitles = new ArrayList<>();
            for (int i = 0; i < gridRows; i++) {
                List<BufferedImage> row = new ArrayList<>(List.of(inputs.get(i)));
                row.addAll(overlays.get(i));
                tiles[i] = row.toArray(BufferedImage[]::new);
                rowTitles.add(rowTitle(samples.get(i), targets[i], labels).replace(" (", "\n("));
            }
            grid = ImageGrid.render(tiles, columns, rowTitles);
            ImageGrid.write(dir.resolve("grid.png"), tiles, columns, rowTitles);
        }
        List<List<Object>> metricRows = metricRows(samples, targets, labels, results);
        CsvTable.write(dir.resolve("metrics.csv"), METRIC_HEADER, metricRows);
        List<List<Object>> summary = summaryRows(results, samples.size());
        CsvTable.write(dir.resolve("summary.csv"), summaryHeader(), summary);
        List<List<Object>> sanity = sanityRows(results);
        CsvTable.write(dir.resolve("sanity.csv"), SANITY_HEADER, sanity);
        HtmlReport html = new HtmlReport("xai4j explain: " + run.dir().getFileName());
        html.paragraph(String.format(Locale.ROOT, "Run %s (%s checkpoint), %s split, %d images; explained class: %s; "
                + "display: %s (METHODS.md 3.2); insertion/deletion baseline: %s. Lesion masks are outlined in green.",
                run.dir(), o.checkpoint(), o.split().label(), samples.size(), o.target(), o.display().label(),
                o.deletionBaseline()));
        html.heading("Methods").table(summaryHeader(), summary);
        html.paragraph("mass_in_mask: share of |attribution| inside the lesion mask; pointing: pointing-game hit rate; "
                + "ehr: effective heat ratio AUC; pixel_auroc: display map vs lesion mask; insertion/deletion: "
                + "AUC of the score (higher / lower is better); loc_acc@T: box localisation accuracy at IoU > T "
                + "(5-fold per-class threshold); seconds per image measured on this machine.");
        if (grid != null) {
            html.heading("Grid").image(grid, "the first " + gridRows + " images by every method");
        }
        if (!sanity.isEmpty()) {
            html.heading("Cascading randomisation (Adebayo et al. 2018)").table(SANITY_HEADER, sanity);
            html.paragraph("Layer groups are re-initialised from the head down; similarity of the maps with the "
                    + "original ones should fall for a method that depends on the model.");
        }
        html.heading("Images");
        for (int i = 0; i < samples.size(); i++) {
            List<BufferedImage> row = new ArrayList<>(List.of(inputs.get(i)));
            row.addAll(overlays.get(i));
            html.paragraph(rowTitle(samples.get(i), targets[i], labels));
            html.imageRow(row, columns);
        }
        html.write(dir.resolve("report.html"));
    }

    static final List<String> METRIC_HEADER = List.of("image", "id", "pathological", "target", "method",
            "mass_in_mask", "pointing_hit", "ehr_auc", "pixel_auroc", "insertion_auc", "deletion_auc");
    static final List<String> SANITY_HEADER = List.of("method", "step", "randomised", "spearman_abs",
            "spearman_signed", "ssim");

    private static List<List<Object>> metricRows(List<Sample> samples, int[] targets, List<String> labels,
                                                 List<MethodResult> results) {
        List<List<Object>> rows = new ArrayList<>();
        for (MethodResult r : results) {
            for (int i = 0; i < samples.size(); i++) {
                MapMetrics m = r.perImage().get(i);
                rows.add(List.of(i, samples.get(i).id(), samples.get(i).isPathological() ? 1 : 0,
                        labels.get(targets[i]), r.method(), m.massInMask(), m.pointingHit(), m.ehr(), m.pixelAuroc(),
                        r.curves().insertionAuc()[i], r.curves().deletionAuc()[i]));
            }
        }
        return rows;
    }

    private static List<String> summaryHeader() {
        List<String> h = new ArrayList<>(List.of("method", "seconds_per_image", "mass_in_mask", "pointing",
                "ehr", "pixel_auroc", "insertion", "deletion"));
        for (double t : LocalisationAccuracy.IOU_THRESHOLDS) {
            h.add("loc_acc@" + t);
        }
        h.add("loc_images");
        return h;
    }

    private static List<List<Object>> summaryRows(List<MethodResult> results, int images) {
        List<List<Object>> rows = new ArrayList<>();
        for (MethodResult r : results) {
            List<Object> row = new ArrayList<>(List.of(r.method(), r.seconds() / images,
                    r.mean(MapMetrics::massInMask), r.mean(MapMetrics::pointingHit), r.mean(MapMetrics::ehr),
                    r.mean(MapMetrics::pixelAuroc), Explain.average(r.curves().insertionAuc()),
                    Explain.average(r.curves().deletionAuc())));
            LocalisationAccuracy.Result loc = r.localisation();
            for (int k = 0; k < LocalisationAccuracy.IOU_THRESHOLDS.length; k++) {
                row.add(loc == null ? Double.NaN : loc.accuracy()[k]);
            }
            row.add(loc == null ? 0 : loc.images());
            rows.add(row);
        }
        return rows;
    }

    private static List<List<Object>> sanityRows(List<MethodResult> results) {
        List<List<Object>> rows = new ArrayList<>();
        for (MethodResult r : results) {
            for (RandomisationCheck.Step s : r.sanity()) {
                rows.add(List.of(r.method(), s.step(), s.name(), s.spearmanAbs(), s.spearmanSigned(), s.ssim()));
            }
        }
        return rows;
    }

    private static String rowTitle(Sample s, int target, List<String> labels) {
        return s.id() + " (" + (s.isPathological() ? "lesion" : "healthy") + "; class " + labels.get(target) + ")";
    }

    /** File-name-safe: letters, digits, '.', '_', '-'; others become '-'. */
    static String safe(String s) {
        return s.replaceAll("[^A-Za-z0-9._-]", "-");
    }
}
