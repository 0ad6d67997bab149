package org.xai4j.dissection;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.data.Batch;
import org.xai4j.data.BatchIterator;
import org.xai4j.data.Sample;
import org.xai4j.data.Transforms;
import org.xai4j.model.ModelAdapter;

/**
 * Network dissection of one model (Bau et al., CVPR 2017): two streaming passes over the images whatever the number
 * of taps (one forward pass per batch gives every tap), never holding more than one batch of activations, first the
 * per-unit thresholds ({@link UnitThresholds}), then the data-set-wide IoU
 * of each unit's binarised map with each concept ({@link IouAccumulator}); a unit is a detector of its best concept
 * when that IoU reaches {@link DissectionOptions#minIou()}.
 */
public final class Dissection {
    private Dissection() {
    }

    /**
     * @param adapter    the model (inference mode)
     * @param samples    the probe images with their concept masks
     * @param labelNames the data's label names (for box concepts)
     * @param transforms normalisation as in training (no augmentation)
     * @return the units of every layer of {@code options}, in layer then unit order
     */
    public static List<UnitLabel> run(ModelAdapter adapter, List<Sample> samples, List<String> labelNames,
                                      Transforms transforms, DissectionOptions options) {
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("dissect: no images to dissect");
        }
        int height = samples.get(0).height();
        int width = samples.get(0).width();
        List<String> layers = options.layers();
        layers.forEach(adapter.classifier().description()::tapVertex); // names the known taps
        // pass 1: every layer's thresholds, from one forward pass per batch
        Map<String, UnitThresholds> quantiles = new LinkedHashMap<>();
        for (Batch b : batches(samples, transforms, options.batch())) {
            adapter.activations(b.features(), layers).forEach((layer, a) -> {
                requireSpatial(a, layer);
                quantiles.computeIfAbsent(layer, l -> new UnitThresholds((int) a.size(1), options.compression()))
                        .add(a);
            });
        }
        Map<String, double[]> thresholds = new LinkedHashMap<>();
        Map<String, IouAccumulator> ious = new LinkedHashMap<>();
        quantiles.forEach((layer, q) -> {
            thresholds.put(layer, q.thresholds(options.topFraction()));
            ious.put(layer, new IouAccumulator(thresholds.get(layer)));
        });
        // pass 2: every layer's IoU with every concept
        int start = 0;
        for (Batch b : batches(samples, transforms, options.batch())) {
            int n = (int) b.features().size(0);
            List<Map<String, boolean[]>> concepts = new ArrayList<>();
            for (Sample s : samples.subList(start, start + n)) {
                concepts.add(Concepts.present(s, labelNames));
            }
            int first = start;
            adapter.activations(b.features(), layers).forEach((layer, a) -> ious.get(layer).add(a, concepts, height,
                    width, first));
            start += n;
        }
        List<UnitLabel> out = new ArrayList<>();
        for (String layer : layers) {
            out.addAll(labels(layer, thresholds.get(layer), ious.get(layer), options.minIou()));
        }
        return out;
    }

    /** Each unit's best concept and whether it detects it. */
    private static List<UnitLabel> labels(String layer, double[] thresholds, IouAccumulator iou, double minIou) {
        List<String> names = iou.concepts();
        List<UnitLabel> out = new ArrayList<>();
        for (int k = 0; k < thresholds.length; k++) {
            Map<String, Double> all = new LinkedHashMap<>();
            String best = "";
            double bestIou = 0;
            for (String c : names) {
                double v = iou.iou(k, c);
                all.put(c, v);
                if (v > bestIou || best.isEmpty()) {
                    best = c;
                    bestIou = v;
                }
            }
            out.add(new UnitLabel(layer, k, thresholds[k], best, bestIou, !best.isEmpty() && bestIou >= minIou, all,
                    iou.topImages(k)));
        }
        return out;
    }

    private static Iterable<Batch> batches(List<Sample> samples, Transforms transforms, int batch) {
        return BatchIterator.of(samples, batch).withTransforms(transforms, false).epoch(0);
    }

    private static void requireSpatial(INDArray a, String layer) {
        if (a.rank() != 4) {
            throw new IllegalArgumentException("--layers: tap '" + layer + "' is not a spatial feature map (shape "
                    + java.util.Arrays.toString(a.shape()) + "); dissect convolutional taps such as last_conv");
        }
    }
}
