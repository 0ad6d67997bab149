package org.xai4j.model;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.nn.conf.memory.MemoryReport;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.regularization.Regularization;

/**
 * Instance normalisation (Ulyanov, Vedaldi and Lempitsky, "Instance normalization: the missing ingredient for
 * fast stylization", 2016), which DL4J 1.0.0-M2.1 lacks: every channel of every example is normalised over its
 * spatial positions, {@code y = gamma_c * (x - mean_nc) / sqrt(var_nc + eps) + beta_c}, with the biased variance,
 * learnable per-channel {@code gamma} (initialised to 1) and {@code beta} (0), and no running statistics, so
 * training and inference compute the same function (PyTorch's {@code InstanceNorm2d(affine=True)}). NCHW only.
 *
 * <p>A native layer with a hand-written backward pass ({@link InstanceNormalizationLayer}), not a
 * {@code SameDiffLayer}: in M2.1 a {@code SameDiffLayer} inside a ComputationGraph returns exactly twice the
 * true input and parameter gradients for external errors (measured against central differences). Its
 * configuration serialises with the graph JSON ({@code nIn = nOut =} channels, {@code eps}). Its parameters are
 * not regularised (as DL4J's batch normalisation).
 */
public class InstanceNormalization extends FeedForwardLayer {
    private double eps = 1e-5;

    /** For JSON deserialisation. */
    public InstanceNormalization() {
        this(new Builder());
    }

    private InstanceNormalization(Builder builder) {
        super(builder);
        this.eps = builder.eps;
    }

    /** Default eps 1e-5 (as PyTorch); channels are set from the graph's input types. */
    public static InstanceNormalization create() {
        return new Builder().build();
    }

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf,
                                                       Collection<TrainingListener> listeners, int layerIndex,
                                                       INDArray paramsView, boolean initializeParams,
                                                       DataType networkDataType) {
        InstanceNormalizationLayer layer = new InstanceNormalizationLayer(conf, networkDataType);
        layer.setListeners(listeners);
        layer.setIndex(layerIndex);
        layer.setParamsViewArray(paramsView);
        layer.setParamTable(initializer().init(conf, paramsView, initializeParams));
        layer.setConf(conf);
        return layer;
    }

    @Override
    public ParamInitializer initializer() {
        return InstanceNormalizationParams.INSTANCE;
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        checkInput(inputType);
        return inputType;
    }

    @Override
    public void setNIn(InputType inputType, boolean override) {
        checkInput(inputType);
        if (nIn <= 0 || override) {
            nIn = ((InputType.InputTypeConvolutional) inputType).getChannels();
            nOut = nIn;
        }
    }

    @Override
    public InputPreProcessor getPreProcessorForInputType(InputType inputType) {
        return null;
    }

    @Override
    public List<Regularization> getRegularizationByParam(String paramName) {
        return null;
    }

    @Override
    public boolean isPretrainParam(String paramName) {
        return false;
    }

    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        long perExample = inputType.arrayElementsPerExample();
        return new LayerMemoryReport.Builder(layerName, InstanceNormalization.class, inputType, inputType)
                .standardMemory(initializer().numParams(this), initializer().numParams(this))
                .workingMemory(0, 2 * perExample, 0, 4 * perExample)
                .cacheMemory(MemoryReport.CACHE_MODE_ALL_ZEROS, MemoryReport.CACHE_MODE_ALL_ZEROS).build();
    }

    private void checkInput(InputType inputType) {
        if (!(inputType instanceof InputType.InputTypeConvolutional c) || c.getFormat() != CNN2DFormat.NCHW) {
            throw new IllegalArgumentException("InstanceNormalization needs NCHW convolutional input, got " + inputType
                    + " (layer " + getLayerName() + ")");
        }
    }

    public double getEps() {
        return eps;
    }

    public void setEps(double eps) {
        this.eps = eps;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InstanceNormalization other && super.equals(o) && Double.compare(eps, other.eps) == 0;
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + Double.hashCode(eps);
    }

    /** Builder; {@code eps} defaults to 1e-5. */
    public static class Builder extends FeedForwardLayer.Builder<Builder> {
        private double eps = 1e-5;

        public Builder eps(double eps) {
            this.eps = eps;
            return this;
        }

        @Override
        @SuppressWarnings("unchecked")
        public InstanceNormalization build() {
            return new InstanceNormalization(this);
        }
    }
}
