package org.xai4j.model;

import java.util.Map;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.samediff.SDLayerParams;
import org.deeplearning4j.nn.conf.layers.samediff.SameDiffLayer;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Instance normalisation (Ulyanov, Vedaldi and Lempitsky 2016), which DL4J 1.0.0-M2.1 lacks: every channel of
 * every example is normalised over its spatial positions, {@code y = gamma_c * (x - mean_nc) / sqrt(var_nc + eps)
 * + beta_c}, with the biased variance, learnable per-channel {@code gamma} (initialised to 1) and {@code beta}
 * (0) and no running statistics, so training and inference compute the same function (as PyTorch's
 * {@code InstanceNorm2d(affine=True, track_running_stats=False)}). Input and output are NCHW.
 *
 * <p>Written as a {@link SameDiffLayer}: SameDiff derives the backward pass, and the layer serialises with the
 * graph's JSON (fields {@code channels} and {@code eps}).
 */
public class InstanceNormalization extends SameDiffLayer {
    public static final String GAMMA = "gamma";
    public static final String BETA = "beta";

    private long channels;
    private double eps = 1e-5;

    /** For JSON deserialisation. */
    protected InstanceNormalization() {
    }

    /** A layer whose channel count is set from the graph's input types. */
    public InstanceNormalization(double eps) {
        this.eps = eps;
    }

    /** Default eps 1e-5, as PyTorch. */
    public static InstanceNormalization create() {
        return new InstanceNormalization(1e-5);
    }

    @Override
    public SDVariable defineLayer(SameDiff sd, SDVariable input, Map<String, SDVariable> params, SDVariable mask) {
        SDVariable centred = input.sub(input.mean(true, 2, 3));
        SDVariable variance = centred.mul(centred).mean(true, 2, 3);
        SDVariable normalised = centred.mul(sd.math().rsqrt(variance.add(eps)));
        SDVariable gamma = params.get(GAMMA).reshape(1, channels, 1, 1);
        SDVariable beta = params.get(BETA).reshape(1, channels, 1, 1);
        return normalised.mul(gamma).add(beta);
    }

    @Override
    public void defineParameters(SDLayerParams params) {
        params.clear();
        params.addWeightParam(GAMMA, 1, channels);
        params.addBiasParam(BETA, 1, channels);
    }

    @Override
    public void initializeParameters(Map<String, INDArray> params) {
        params.get(GAMMA).assign(1.0);
        params.get(BETA).assign(0.0);
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        checkInput(inputType);
        return inputType;
    }

    @Override
    public void setNIn(InputType inputType, boolean override) {
        checkInput(inputType);
        if (channels <= 0 || override) {
            channels = ((InputType.InputTypeConvolutional) inputType).getChannels();
            setLayerParams(null);
        }
    }

    private void checkInput(InputType inputType) {
        if (!(inputType instanceof InputType.InputTypeConvolutional c) || c.getFormat() != CNN2DFormat.NCHW) {
            throw new IllegalArgumentException("InstanceNormalization needs NCHW convolutional input, got " + inputType
                    + " (layer " + getLayerName() + ")");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InstanceNormalization other && super.equals(o) && channels == other.channels
                && Double.compare(eps, other.eps) == 0;
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + Long.hashCode(channels) * 17 + Double.hashCode(eps);
    }

    public long getChannels() {
        return channels;
    }

    public void setChannels(long channels) {
        this.channels = channels;
    }

    public double getEps() {
        return eps;
    }

    public void setEps(double eps) {
        this.eps = eps;
    }
}
