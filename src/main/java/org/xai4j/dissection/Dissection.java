package org.xai4j.dissection;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.data.BatchIterator;
import org.xai4j.data.Sample;
import org.xai4j.data.Transforms;
import org.xai4j.model.ModelAdapter;

/**
 * Network dissection of one model (Bau et al., CVPR 2017): two streaming passes over the images, never holding more
 * than one batch of activations, first the per-unit thresholds ({@link UnitThresholds}), then the data-set-wide IoU
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
        List<UnitLabel> out = new ArrayList<>();
        for (String layer : options.layers()) {
            adapter.classifier().description().tapVertex(layer); // names the known taps
            UnitThresholds quantiles = null;
            for (INDArray x : batches(samples, transforms, options.batch())) {
                INDArray a = adapter.activations(x, layer);
                requireSpatial(a, layer);
                if (quantiles == null) {
                    quantiles = new UnitThresholds((int) a.size(1), options.compression());
                }
                quantiles.add(a);
            }
            double[] thresholds = quantiles.thresholds(options.topFraction());
            IouAccumulator iou = new IouAccumulator(thresholds);
            int start = 0;
            for (INDArray x : batches(samples, transforms, options.batch())) {
                int n = (int) x.size(0);
                List<Map<String, boolean[]>> concepts = new ArrayList<>();
                for (Sample s : samples.subList(start, start + n)) {
                    concepts.add(Concepts.present(s, labelNames));
                }
                iou.add(adapter.activations(x, layer), concepts, height, width, start);
                start += n;
            }
            List<String> names = iou.concepts();
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
                out.add(new UnitLabel(layer, k, thresholds[k], best, bestIou,
                        !best.isEmpty() && bestIou >= options.minIou(), all, iou.topImages(k)));
            }
        }
        return out;
    }

    private static Iterable<INDArray> batches(List<Sample> samples, Transforms transforms, int batch) {
        return () -> new java.util.Iterator<>() {
            private final java.util.Iterator<org.xai4j.data.Batch> it = BatchIterator.of(samples, batch)
                    .withTransforms(transforms, false).epoch(0).iterator();

            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public INDArray next() {
                return it.next().features();
            }
        };
    }

    private static void requireSpatial(INDArray a, String layer) {
        if (a.rank() != 4) {
            throw new IllegalArgumentException("--layers: tap '" + layer + "' is not a spatial feature map (shape "
                    + java.util.Arrays.toString(a.shape()) + "); dissect convolutional taps such as last_conv");
        }
    }
}
