package org.xai4j.experiments;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.xai4j.attribution.Gradient;
import org.xai4j.config.RunConfig;
import org.xai4j.data.Batch;
import org.xai4j.data.Sample;
import org.xai4j.metrics.MassInMask;
import org.xai4j.metrics.PixelAuroc;
import org.xai4j.model.Classifier;
import org.xai4j.model.ModelAdapter;
import org.xai4j.model.Target;
import org.xai4j.train.Batching;

/**
 * How well the gradient saliency of the pathological score (Simonyan et al. 2014; computed in inference mode)
 * falls on the lesions of pathological images: the share of saliency mass inside the lesion mask (Margeloiu et
 * al. 2020's "more lesion-centred") and the pooled pixel AUROC of the saliency against the mask. The saliency of a
 * pixel is {@code sum_c |dz/dx_c|} (the per-pixel magnitude of METHODS.md 3.2, before display scaling).
 */
final class SaliencyQuality {
    private SaliencyQuality() {
    }

    /**
     * @param massInLesion mean over images of the share of saliency mass inside the lesion
     * @param pixelAuroc   pixel AUROC of all saliency maps pooled against the lesion masks
     * @param maps         the saliency maps (H*W each), in sample order
     */
    record Result(double massInLesion, double pixelAuroc, List<float[]> maps) {
    }

    /** Pathological samples with a non-empty lesion mask (the images saliency is judged on). */
    static List<Sample> lesionImages(List<Sample> samples) {
        List<Sample> out = new ArrayList<>();
        for (Sample s : samples) {
            if (s.isPathological() && s.lesionMask() != null && area(s.lesionMask()) > 0) {
                out.add(s);
            }
        }
        return out;
    }

    static Result measure(Classifier classifier, List<Sample> samples, RunConfig config) {
        Gradient gradient = new Gradient(new ModelAdapter(classifier));
        int k = classifier.numOutputs();
        int[] all = new int[k];
        for (int i = 0; i < k; i++) {
            all[i] = i;
        }
        Target target = Target.sum(all);
        List<float[]> maps = new ArrayList<>();
        List<float[]> masks = new ArrayList<>();
        Iterator<Batch> batches = Batching.fixedOrder(samples, config);
        int index = 0;
        while (batches.hasNext()) {
            Batch b = batches.next();
            INDArray a = Transforms.abs(gradient.attribute(b.features(), target), false).sum(1);
            for (int n = 0; n < b.size(); n++) {
                maps.add(a.slice(n).dup('c').castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT).data().asFloat());
                masks.add(samples.get(index++).lesionMask());
            }
        }
        double mass = 0;
        for (int i = 0; i < maps.size(); i++) {
            mass += MassInMask.absolute(maps.get(i), masks.get(i));
        }
        return new Result(mass / maps.size(), PixelAuroc.pooled(maps, masks).auc(), maps);
    }

    private static double area(float[] mask) {
        double s = 0;
        for (float v : mask) {
            s += v >= 0.5f ? 1 : 0;
        }
        return s;
    }
}
