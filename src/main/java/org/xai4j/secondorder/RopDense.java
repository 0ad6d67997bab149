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
final class RopDense implements RopVertex {
    private final INDArray weights;
    private final boolean bias;
    private final INDArray biasRow;
    private final Map<String, INDArray> gradient;
    private final Rectifier rectifier;
    private INDArray input;
    private INDArray inputTangent;
    private INDArray slopes;

    RopDense(String vertex, Layer layer, Map<String, INDArray> gradient) {
        DenseLayer conf = (DenseLayer) layer.conf().getLayer();
        this.weights = layer.getParam(DefaultParamInitializer.WEIGHT_KEY);
        this.bias = conf.hasBias();
        this.gradient = gradient;
        this.rectifier = Rectifier.of(conf.getActivationFn(), vertex);
        if (conf.hasLayerNorm()) {
            throw Unsupported.vertex(vertex, "layer normalisation");
        }
        this.biasRow = bias ? layer.getParam(DefaultParamInitializer.BIAS_KEY) : null;
    }

    @Override
    public INDArray forward(INDArray[] inputs) {
        input = inputs[0];
        INDArray z = input.mmul(weights);
        if (biasRow != null) {
            z.addiRowVector(biasRow);
        }
        if (rectifier == null) {
            return z;
        }
        slopes = rectifier.slopes(z);
        return z.muli(slopes);
    }

    @Override
    public INDArray tangent(INDArray[] inputTangents) {
        inputTangent = inputTangents[0];
        INDArray rz = inputTangent.mmul(weights);
        return slopes == null ? rz : rz.muli(slopes);
    }

    @Override
    public INDArray[][] backward(INDArray d, INDArray rd) {
        INDArray dz = slopes == null ? d : d.mul(slopes);
        INDArray rdz = slopes == null ? rd : rd.mul(slopes);
        INDArray gw = gradient.get(DefaultParamInitializer.WEIGHT_KEY);
        gw.addi(input.transpose().mmul(rdz).addi(inputTangent.transpose().mmul(dz)));
        if (bias) {
            INDArray gb = gradient.get(DefaultParamInitializer.BIAS_KEY);
            gb.addi(rdz.sum(0).reshape(gb.shape()));
        }
        INDArray wt = weights.transpose();
        return new INDArray[][] {{Nd4j.matmul(dz, wt)}, {Nd4j.matmul(rdz, wt)}};
    }
}
