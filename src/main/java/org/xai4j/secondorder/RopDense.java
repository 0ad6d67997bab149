package org.xai4j.secondorder;

import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A dense layer {@code z = a W + b} (W is nIn x nOut, as DL4J stores it) with an optional rectifier. Bilinear in
 * (a, W): {@code R{z} = R{a} W}, {@code R{da} = R{dz} W^T}, {@code R{dW} = a^T R{dz} + R{a}^T dz},
 * {@code R{db} = sum R{dz}}.
 */
final class RopDense extends RopAffine {
    private final INDArray weights;
    private final INDArray biasRow;
    private final Map<String, INDArray> gradient;

    RopDense(String vertex, Layer layer, Map<String, INDArray> gradient) {
        super(PointwiseActivation.of(((DenseLayer) layer.conf().getLayer()).getActivationFn(), vertex));
        DenseLayer conf = (DenseLayer) layer.conf().getLayer();
        this.weights = layer.getParam(DefaultParamInitializer.WEIGHT_KEY);
        this.gradient = gradient;
        if (conf.hasLayerNorm()) {
            throw Unsupported.vertex(vertex, "layer normalisation");
        }
        this.biasRow = conf.hasBias() ? layer.getParam(DefaultParamInitializer.BIAS_KEY) : null;
    }

    @Override
    INDArray apply(INDArray x, boolean withBias) {
        INDArray z = x.mmul(weights);
        return withBias && biasRow != null ? z.addiRowVector(biasRow) : z;
    }

    @Override
    INDArray[] transpose(INDArray dz, INDArray rdz) {
        INDArray gw = gradient.get(DefaultParamInitializer.WEIGHT_KEY);
        gw.addi(input.transpose().mmul(rdz).addi(inputTangent.transpose().mmul(dz)));
        if (biasRow != null) {
            INDArray gb = gradient.get(DefaultParamInitializer.BIAS_KEY);
            gb.addi(rdz.sum(0).reshape(gb.shape()));
        }
        INDArray wt = weights.transpose();
        return new INDArray[] {Nd4j.matmul(dz, wt), Nd4j.matmul(rdz, wt)};
    }
}
