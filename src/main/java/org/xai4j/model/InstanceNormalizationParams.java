package org.xai4j.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Parameters of {@link InstanceNormalization}: {@code gamma} then {@code beta}, each 1 x channels. */
public final class InstanceNormalizationParams implements ParamInitializer {
    static final InstanceNormalizationParams INSTANCE = new InstanceNormalizationParams();
    public static final String GAMMA = "gamma";
    public static final String BETA = "beta";

    private InstanceNormalizationParams() {
    }

    @Override
    public long numParams(NeuralNetConfiguration conf) {
        return numParams(conf.getLayer());
    }

    @Override
    public long numParams(Layer layer) {
        return 2 * ((InstanceNormalization) layer).getNOut();
    }

    @Override
    public List<String> paramKeys(Layer layer) {
        return List.of(GAMMA, BETA);
    }

    @Override
    public List<String> weightKeys(Layer layer) {
        return Collections.emptyList();
    }

    @Override
    public List<String> biasKeys(Layer layer) {
        return Collections.emptyList();
    }

    @Override
    public boolean isWeightParam(Layer layer, String key) {
        return false;
    }

    @Override
    public boolean isBiasParam(Layer layer, String key) {
        return false;
    }

    @Override
    public Map<String, INDArray> init(NeuralNetConfiguration conf, INDArray paramView, boolean initializeParams) {
        Map<String, INDArray> views = split(conf, paramView);
        if (initializeParams) {
            views.get(GAMMA).assign(1.0);
            views.get(BETA).assign(0.0);
        }
        views.keySet().forEach(conf::addVariable);
        return views;
    }

    @Override
    public Map<String, INDArray> getGradientsFromFlattened(NeuralNetConfiguration conf, INDArray gradientView) {
        return split(conf, gradientView);
    }

    private static Map<String, INDArray> split(NeuralNetConfiguration conf, INDArray flat) {
        long c = ((InstanceNormalization) conf.getLayer()).getNOut();
        INDArray row = flat.reshape(1, flat.length());
        Map<String, INDArray> out = Collections.synchronizedMap(new LinkedHashMap<>());
        out.put(GAMMA, row.get(NDArrayIndex.point(0), NDArrayIndex.interval(0, c)).reshape(1, c));
        out.put(BETA, row.get(NDArrayIndex.point(0), NDArrayIndex.interval(c, 2 * c)).reshape(1, c));
        return out;
    }
}
