package org.xai4j.model;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.BaseLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The runtime of {@link InstanceNormalization}. Every (example, channel) pair is one row of an
 * {@code (N*C) x (H*W)} matrix; with {@code xhat = (x - mean) / sqrt(var + eps)} per row, the backward pass is
 * {@code dbeta = sum dy}, {@code dgamma = sum dy * xhat} (over N, H, W) and
 * {@code dx = (g - mean(g) - xhat * mean(g * xhat)) / sqrt(var + eps)} with {@code g = gamma * dy}, means per row.
 * Statistics are recomputed in the backward pass rather than cached.
 */
public class InstanceNormalizationLayer extends BaseLayer<InstanceNormalization> {

    public InstanceNormalizationLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public Type type() {
        return Type.NORMALIZATION;
    }

    @Override
    public boolean isPretrainLayer() {
        return false;
    }

    @Override
    public boolean hasBias() {
        return false;
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        Normalised n = normalise();
        INDArray y = n.xhat.mulColumnVector(perRow(getParam(InstanceNormalizationParams.GAMMA), n.examples))
                .addiColumnVector(perRow(getParam(InstanceNormalizationParams.BETA), n.examples));
        return workspaceMgr.leverageTo(ArrayType.ACTIVATIONS, y.reshape(input.shape()));
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        Normalised n = normalise();
        long c = layerConf().getNOut();
        INDArray dy = epsilon.castTo(dataType).dup('c').reshape('c', n.xhat.rows(), n.xhat.columns());
        INDArray dGamma = gradientViews.get(InstanceNormalizationParams.GAMMA);
        INDArray dBeta = gradientViews.get(InstanceNormalizationParams.BETA);
        dBeta.assign(dy.sum(1).reshape(n.examples, c).sum(0).reshape(1, c));
        dGamma.assign(dy.mul(n.xhat).sum(1).reshape(n.examples, c).sum(0).reshape(1, c));

        INDArray g = dy.mulColumnVector(perRow(getParam(InstanceNormalizationParams.GAMMA), n.examples));
        INDArray meanG = g.mean(1).reshape(g.rows(), 1);
        INDArray meanGx = g.mul(n.xhat).mean(1).reshape(g.rows(), 1);
        INDArray dx = g.subColumnVector(meanG).subi(n.xhat.mulColumnVector(meanGx)).diviColumnVector(n.std);

        Gradient gradient = new DefaultGradient(gradientsFlattened);
        gradient.setGradientFor(InstanceNormalizationParams.GAMMA, dGamma);
        gradient.setGradientFor(InstanceNormalizationParams.BETA, dBeta);
        INDArray next = workspaceMgr.leverageTo(ArrayType.ACTIVATION_GRAD, dx.reshape(input.shape()));
        return new Pair<>(gradient, next);
    }

    /** The input as rows (example, channel) x positions, normalised, with each row's standard deviation. */
    private Normalised normalise() {
        INDArray x = input.castTo(dataType);
        long examples = x.size(0);
        long rows = examples * x.size(1);
        INDArray m = x.dup('c').reshape('c', rows, x.length() / rows);
        INDArray centred = m.subColumnVector(m.mean(1).reshape(rows, 1));
        INDArray variance = centred.mul(centred).mean(1).reshape(rows, 1);
        INDArray std = Transforms.sqrt(variance.addi(layerConf().getEps()), false);
        return new Normalised(centred.diviColumnVector(std), std, examples);
    }

    /** A 1 x C parameter repeated for every example: (N*C) x 1, row n*C + c holding entry c. */
    private static INDArray perRow(INDArray param, long examples) {
        return Nd4j.tile(param, (int) examples, 1).reshape('c', examples * param.length(), 1);
    }

    private record Normalised(INDArray xhat, INDArray std, long examples) {
    }
}
