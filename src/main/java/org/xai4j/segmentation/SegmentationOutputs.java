package org.xai4j.segmentation;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.xai4j.data.Sample;
import org.xai4j.report.CsvTable;
import org.xai4j.report.MaskImage;
import org.xai4j.report.SegmentationOverlay;
import org.xai4j.util.AtomicFiles;

/**
 * The files of {@code xai4j segment}: per method a folder with {@value #SCORES} (one row per image, then a
 * {@code mean} row), {@code masks/<id>.png} and {@code overlays/<id>.png}; and {@value #SUMMARY} /
 * {@value #SUMMARY_MD} with one row per method. All written atomically.
 */
public final class SegmentationOutputs {
    public static final String SCORES = "scores.csv";
    public static final String SUMMARY = "summary.csv";
    public static final String SUMMARY_MD = "summary.md";
    public static final String MASKS = "masks";
    public static final String OVERLAYS = "overlays";
    /** Columns of {@value #SUMMARY}. */
    public static final List<String> SUMMARY_HEADER = List.of("method", "kind", "split", "threshold",
            "threshold_value", "sigma", "region", "normalise", "images", "mean_dice", "mean_iou", "pixel_auroc",
            "pixel_auroc_processed");

    private SegmentationOutputs() {
    }

    /**
     * Writes one method's folder {@code dir}: scores, masks and overlays (input channel 0, processed map, true and
     * predicted contours).
     *
     * @param samples the segmented samples (for the input panel), any order
     */
    public static void writeMethod(Path dir, MethodResult result, List<Sample> samples) {
        Map<String, Sample> byId = samples.stream().collect(Collectors.toMap(Sample::id, Function.identity(),
                (a, b) -> a));
        List<List<Object>> rows = new ArrayList<>();
        for (ImageSegmentation s : result.images()) {
            ImageScore c = s.score();
            rows.add(List.of(c.id(), c.threshold(), c.dice(), c.iou(), c.pixelAuroc(), c.processedAuroc(),
                    c.lesionPixels(), c.predictedPixels()));
            String file = fileName(c.id());
            ProcessedMap m = s.map();
            MaskImage.write(dir.resolve(MASKS).resolve(file), s.predicted(), m.height(), m.width());
            Sample sample = byId.get(c.id());
            if (sample == null) {
                throw new IllegalArgumentException("no sample with id " + c.id() + " among those given");
            }
            float[] input = new float[m.height() * m.width()];
            System.arraycopy(sample.pixels(), 0, input, 0, input.length);
            SegmentationOverlay.write(dir.resolve(OVERLAYS).resolve(file), input, m.processed(), s.predicted(),
                    m.truth(), m.height(), m.width(), Math.max(1, 128 / m.width()));
        }
        MethodSummary sum = result.summary();
        rows.add(Arrays.asList("mean", Double.isNaN(sum.thresholdValue()) ? null : sum.thresholdValue(),
                sum.meanDice(), sum.meanIou(), sum.pixelAuroc(), sum.processedAuroc(), null, null));
        CsvTable.write(dir.resolve(SCORES), List.of("id", "threshold", "dice", "iou", "pixel_auroc",
                "pixel_auroc_processed", "lesion_pixels", "predicted_pixels"), rows);
    }

    /** Writes {@value #SUMMARY} and {@value #SUMMARY_MD} into {@code dir}. */
    public static void writeSummary(Path dir, List<MethodSummary> summaries, String split,
                                    SegmentationOptions options) {
        List<List<Object>> rows = new ArrayList<>();
        for (MethodSummary s : summaries) {
            rows.add(Arrays.asList(s.method(), s.kind().label(), split, s.threshold(),
                    Double.isNaN(s.thresholdValue()) ? null : s.thresholdValue(), options.sigma(),
                    options.regionMask() == null ? "image" : options.regionMask(), options.normalise().label(),
                    s.images(), s.meanDice(), s.meanIou(), s.pixelAuroc(), s.processedAuroc()));
        }
        CsvTable.write(dir.resolve(SUMMARY), SUMMARY_HEADER, rows);
        AtomicFiles.writeString(dir.resolve(SUMMARY_MD), table(summaries, split, options));
    }

    /** The summaries as a markdown table with a line saying how the masks were made. */
    public static String table(List<MethodSummary> summaries, String split, SegmentationOptions options) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "Split %s, threshold %s, sigma %s, region %s, normalise %s.%n%n", split,
                options.threshold().spec(), options.sigma(), options.regionMask() == null ? "image"
                        : options.regionMask(), options.normalise().label()));
        b.append("| method | kind | images | threshold | mean Dice | mean IoU | pixel AUROC (raw) | pixel AUROC "
                + "(processed) |\n");
        b.append("|---|---|---:|---:|---:|---:|---:|---:|\n");
        for (MethodSummary s : summaries) {
            b.append(String.format(Locale.ROOT, "| %s | %s | %d | %s | %.3f | %.3f | %.3f | %.3f |%n", s.method(),
                    s.kind().label(), s.images(), Double.isNaN(s.thresholdValue()) ? s.threshold()
                            : String.format(Locale.ROOT, "%.4g", s.thresholdValue()), s.meanDice(), s.meanIou(),
                    s.pixelAuroc(), s.processedAuroc()));
        }
        return b.toString();
    }

    /** A file name for a sample id: characters other than letters, digits, '.', '_' and '-' become '_'. */
    static String fileName(String id) {
        return id.replaceAll("[^A-Za-z0-9._-]", "_") + ".png";
    }
}
