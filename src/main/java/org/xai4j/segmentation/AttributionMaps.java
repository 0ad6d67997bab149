package org.xai4j.segmentation;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.attribution.Attribution;
import org.xai4j.data.Batch;
import org.xai4j.data.BatchIterator;
import org.xai4j.data.Sample;
import org.xai4j.data.Transforms;
import org.xai4j.model.Target;

/**
 * Anomaly maps from an attribution method: the attribution of the image's own findings (the logits its labels
 * mark: the pathological logit of a binary classifier, the present findings of a multi-label one, the class of a
 * multi-class one, i.e. {@code Target.weights(labels)}), computed on the input normalised as in training, summed
 * over the channels (Wargnier-Dauchelle et al., IEEE TMI 2023: the map of the pathological score on a pathological
 * image).
 */
public final class AttributionMaps implements AnomalyMapSource {
    private final Attribution method;
    private final Transforms normalisation;
    private final int batchSize;

    /**
     * @param method        the attribution method (from the registry, bound to the classifier's adapter)
     * @param normalisation the run's transforms (only their normalisation is applied)
     * @param batchSize     images per attribution call
     */
    public AttributionMaps(Attribution method, Transforms normalisation, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize: must be >= 1, got " + batchSize);
        }
        this.method = method;
        this.normalisation = normalisation;
        this.batchSize = batchSize;
    }

    @Override
    public String name() {
        return method.name();
    }

    @Override
    public SourceKind kind() {
        return SourceKind.ATTRIBUTION;
    }

    @Override
    public List<float[]> maps(List<Sample> samples) {
        List<float[]> out = new ArrayList<>(samples.size());
        for (Batch b : BatchIterator.of(samples, batchSize).withTransforms(normalisation, false).epoch(0)) {
            // the image's findings are explained; a label left unknown (NaN) weighs nothing
            INDArray weights = b.labels().dup();
            org.nd4j.linalg.indexing.BooleanIndexing.replaceWhere(weights, 0.0,
                    org.nd4j.linalg.indexing.conditions.Conditions.isNan());
            INDArray a = method.attribute(b.features(), Target.weights(weights));
            out.addAll(channelSums(a));
        }
        return out;
    }

    /** N x C x H x W to N maps of H x W, summed over the channels. */
    static List<float[]> channelSums(INDArray nchw) {
        if (nchw.rank() != 4) {
            throw new IllegalArgumentException("expected N x C x H x W maps, got rank " + nchw.rank());
        }
        int n = (int) nchw.size(0);
        int hw = (int) (nchw.size(2) * nchw.size(3));
        float[] all = nchw.sum(1).castTo(DataType.FLOAT).dup('c').data().asFloat();
        List<float[]> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            float[] m = new float[hw];
            System.arraycopy(all, i * hw, m, 0, hw);
            out.add(m);
        }
        return out;
    }
}
