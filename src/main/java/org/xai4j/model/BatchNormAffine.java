package org.xai4j.model;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The inference-mode map of a live BatchNorm layer, {@code y = scale * x + shift} per channel, with
 * {@code scale = gamma / sigma}, {@code shift = beta - mean * scale}, {@code sigma = sqrt(var + eps)} (and
 * {@code var = (10^log10std)^2} when the layer stores {@code log10stdev}); vectors of length C. Used to fold BatchNorm
 * into an affine layer ({@link BatchNormFolding}) or into the convolution before it (LRP).
 */
public record BatchNormAffine(INDArray mean, INDArray sigma, INDArray scale, INDArray shift) {
    /** The affine map of {@code layer}, a BatchNormalization layer of a live graph. */
    public static BatchNormAffine of(Layer layer) {
        BatchNormalization bn = (BatchNormalization) layer.conf().getLayer();
        INDArray mean = layer.getParam(BatchNormalizationParamInitializer.GLOBAL_MEAN).reshape(-1).dup();
        INDArray var;
        if (bn.isUseLogStd()) {
            INDArray log10s = layer.getParam(BatchNormalizationParamInitializer.GLOBAL_LOG_STD).reshape(-1);
            // as DL4J's BatchNormalization.preOutput: var = (10^log10s)^2
            var = Transforms.pow(Nd4j.valueArrayOf(log10s.shape(), 10.0, log10s.dataType()), log10s);
            var.muli(var);
        } else {
            var = layer.getParam(BatchNormalizationParamInitializer.GLOBAL_VAR).reshape(-1).dup();
        }
        INDArray sigma = Transforms.sqrt(var.add(bn.getEps()));
        INDArray gamma;
        INDArray beta;
        if (bn.isLockGammaBeta()) {
            double g = bn.getGamma();
            double b = bn.getBeta();
            boolean applied = g != 1.0 && b != 0.0; // DL4J M2.1 forward applies them only in this case
            gamma = Nd4j.valueArrayOf(mean.shape(), applied ? g : 1.0, mean.dataType());
            beta = Nd4j.valueArrayOf(mean.shape(), applied ? b : 0.0, mean.dataType());
        } else {
            gamma = layer.getParam(BatchNormalizationParamInitializer.GAMMA).reshape(-1);
            beta = layer.getParam(BatchNormalizationParamInitializer.BETA).reshape(-1);
        }
        INDArray scale = gamma.div(sigma);
        INDArray shift = beta.sub(mean.mul(scale));
        return new BatchNormAffine(mean, sigma, scale, shift);
    }
}
