package org.xai4j.secondorder;

import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Shaped views of one layer's parameters in a flat gradient (1 x P, the layout of the graph's {@code params()}). */
final class GradientViews {
    private GradientViews() {
    }

    /**
     * The views of {@code layer}'s parameters, which start at {@code offset} of the flat layout, made by the layer's
     * own parameter initialiser (so their shapes and orders are DL4J's).
     */
    static Map<String, INDArray> of(INDArray flat, Layer layer, long offset) {
        INDArray range = flat.get(NDArrayIndex.interval(0, 0, true),
                NDArrayIndex.interval(offset, offset + layer.numParams()));
        return layer.conf().getLayer().initializer().getGradientsFromFlattened(layer.conf(), range);
    }
}
