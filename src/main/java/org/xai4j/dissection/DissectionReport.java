package org.xai4j.dissection;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.attribution.Bilinear;
import org.xai4j.attribution.UnitIntegratedGradients;
import org.xai4j.data.Batch;
import org.xai4j.data.BatchIterator;
import org.xai4j.data.Sample;
import org.xai4j.data.Transforms;
import org.xai4j.model.ModelAdapter;
import org.xai4j.report.HtmlReport;
import org.xai4j.report.SegmentationOverlay;

/**
 * The dissection report's section of one checkpoint: the detector counts per layer and concept, then for the best
 * detectors (highest IoU first) their top-activating images, each as three panels: the image, the unit's upsampled
 * map, and the image with the concept's mask outlined in red and the unit's binarised mask in green (yellow where
 * they coincide).
 */
final class DissectionReport {
    /** Detectors shown per checkpoint and layer. */
    static final int SHOWN = 12;
    static final int SEMANTIC_IMAGES = 3;
    static final int SEMANTIC_UNITS = 3;
    static final int SEMANTIC_STEPS = 16;
    private static final int ZOOM = 2;

    private DissectionReport() {
    }

    static void section(HtmlReport report, String checkpoint, ModelAdapter adapter, List<UnitLabel> labels,
                        List<Sample> probe, List<String> labelNames, Transforms transforms) {
        report.heading("Checkpoint " + checkpoint);
        List<String> layers = labels.stream().map(UnitLabel::layer).distinct().toList();
        for (String layer : layers) {
            semantic(report, adapter, labels, probe, labelNames.size(), transforms, layer);
            List<UnitLabel> units = labels.stream().filter(u -> u.layer().equals(layer)).toList();
            List<UnitLabel> detectors = units.stream().filter(UnitLabel::detector)
                    .sorted(Comparator.comparingDouble(UnitLabel::bestIou).reversed()).toList();
            report.paragraph(String.format(Locale.ROOT, "%s: %d of %d units are detectors; the best %d follow.",
                    layer, detectors.size(), units.size(), Math.min(SHOWN, detectors.size())));
            for (UnitLabel u : detectors.subList(0, Math.min(SHOWN, detectors.size()))) {
                List<BufferedImage> images = new ArrayList<>();
                List<String> captions = new ArrayList<>();
                List<Sample> top = u.topImages().stream().map(probe::get).toList();
                INDArray x = BatchIterator.of(top, top.size()).withTransforms(transforms, false).epoch(0).iterator()
                        .next().features();
                INDArray a = adapter.activations(x, layer).castTo(DataType.DOUBLE);
                for (int i = 0; i < top.size(); i++) {
                    Sample s = top.get(i);
                    images.add(panel(s, a, i, u, labelNames));
                    captions.add(s.id());
                }
                report.paragraph(String.format(Locale.ROOT, "unit %d: %s, IoU %.3f (threshold %.4g)", u.unit(),
                        u.bestConcept(), u.bestIou(), u.threshold()));
                report.imageRow(images, captions);
            }
        }
    }

    /**
     * What the first {@value #SEMANTIC_IMAGES} pathological probe images' scores (the sum of the logits) rest on:
     * their {@value #SEMANTIC_UNITS} most important units of {@code layer} by Integrated Gradients over the units,
     * with the concepts those units detect and their contribution maps (positive part shown).
     */
    private static void semantic(HtmlReport report, ModelAdapter adapter, List<UnitLabel> labels, List<Sample> probe,
                                 int numLabels, Transforms transforms, String layer) {
        List<Sample> shown = probe.stream().filter(Sample::isPathological).limit(SEMANTIC_IMAGES).toList();
        if (shown.isEmpty()) {
            return;
        }
        INDArray x = BatchIterator.of(shown, shown.size()).withTransforms(transforms, false).epoch(0).iterator()
                .next().features();
        org.xai4j.model.Target score = org.xai4j.model.Target.sum(java.util.stream.IntStream.range(0, numLabels)
                .toArray());
        List<List<SemanticAttribution.Unit>> ranked = SemanticAttribution.topUnits(new UnitIntegratedGradients(
                adapter, new UnitIntegratedGradients.Options(layer, SEMANTIC_STEPS)), x, score, labels,
                SEMANTIC_UNITS);
        for (int i = 0; i < shown.size(); i++) {
            Sample s = shown.get(i);
            List<SemanticAttribution.Unit> top = ranked.get(i);
            List<BufferedImage> images = new ArrayList<>();
            List<String> captions = new ArrayList<>();
            float[] grey = java.util.Arrays.copyOf(s.pixels(), s.height() * s.width());
            for (SemanticAttribution.Unit u : top) {
                double[] heat = new double[u.map().length];
                for (int p = 0; p < heat.length; p++) {
                    heat[p] = Math.max(0, u.map()[p]);
                }
                images.add(org.xai4j.report.HeatmapOverlay.render(grey, heat, s.lesionMask(), s.width(), ZOOM));
                captions.add(String.format(Locale.ROOT, "unit %d %s (importance %.3g)", u.unit(),
                        u.label().isEmpty() ? "(no detector)" : u.label(), u.importance()));
            }
            report.paragraph(layer + ", " + s.id() + ": the score rests most on " + String.join("; ", captions));
            report.imageRow(images, captions);
        }
    }

    private static BufferedImage panel(Sample s, INDArray activations, int i, UnitLabel u, List<String> labelNames) {
        int h = (int) activations.size(2);
        int w = (int) activations.size(3);
        double[] map = new double[h * w];
        for (int p = 0; p < map.length; p++) {
            map[p] = activations.getDouble(i, u.unit(), p / w, p % w);
        }
        double[] up = Bilinear.resize(map, h, w, s.height(), s.width());
        float[] heat = new float[up.length];
        float[] unit = new float[up.length];
        for (int p = 0; p < up.length; p++) {
            heat[p] = (float) up[p];
            unit[p] = up[p] > u.threshold() ? 1 : 0;
        }
        float[] concept = new float[up.length];
        Map<String, boolean[]> present = Concepts.present(s, labelNames);
        boolean[] mask = present.get(u.bestConcept());
        if (mask != null) {
            for (int p = 0; p < mask.length; p++) {
                concept[p] = mask[p] ? 1 : 0;
            }
        }
        float[] grey = java.util.Arrays.copyOf(s.pixels(), s.height() * s.width());
        return SegmentationOverlay.render(s.id(), grey, heat, unit, concept, s.height(), s.width(), ZOOM);
    }
}
