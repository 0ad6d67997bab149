package org.xai4j.constraint;

import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Sgd;
import org.xai4j.model.Classifier;
import org.xai4j.model.ModelDescription;
import org.xai4j.model.ModelOptions;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.xai4j.model.InputShape;
import org.xai4j.testing.TestGraphs;

/** Batches and sub-batches for the constraint tests. */
final class ConstraintFixtures {
    /** Input of {@link #small}: 1 x 4 x 4. */
    static final InputShape SMALL_INPUT = new InputShape(1, 4, 4);

    private ConstraintFixtures() {
    }

    /**
     * conv 3x3 (1 -> 3) -> BN -> ReLU -> max-pool 2x2 -> global average pooling -> identity Dense "logits" (2): 50
     * parameters. Unlike {@link TestGraphs#tiny} it has no BatchNorm after the pooling, which in training mode would
     * make the batch sum of a logit independent of the input (its input gradient is exactly 0).
     */
    static Classifier small(DataType dataType, long seed) {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(seed).dataType(dataType)
                .updater(new Sgd(0.1)).weightInit(WeightInit.XAVIER).convolutionMode(ConvolutionMode.Same)
                .graphBuilder().addInputs("input").setInputTypes(InputType.convolutional(4, 4, 1))
                .addLayer("conv", new ConvolutionLayer.Builder(3, 3).nOut(3).activation(Activation.IDENTITY).build(),
                        "input")
                .addLayer("bn", new BatchNormalization.Builder().build(), "conv")
                .addLayer("relu", new ActivationLayer.Builder().activation(Activation.RELU).build(), "bn")
                .addLayer("pool", new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build(),
                        "relu")
                .addLayer("gap", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), "pool")
                .addLayer("logits", new DenseLayer.Builder().nOut(2).activation(Activation.IDENTITY).build(), "gap")
                .setOutputs("logits").build();
        ModelDescription d = new ModelDescription(ModelOptions.of("test-small"), SMALL_INPUT, 2, "input", "logits",
                Map.of(ModelDescription.LAST_CONV, "relu"), Map.of("all", List.of("conv", "bn", "logits")));
        Classifier c = new Classifier(Classifier.newGraph(conf), d);
        TestGraphs.randomizeBatchNorm(c, seed + 1);
        return c;
    }

    /** Uniform(0, 1) images (like the synthetic data), seeded. */
    static INDArray images(InputShape shape, int n, DataType type, long seed) {
        return TestGraphs.input(shape, n, DataType.DOUBLE, seed).addi(1).divi(2).castTo(type);
    }

    /** The rows {@code rows} of {@code batch} as a sub-batch with all-zero targets (every voxel constrained). */
    static SubBatch subBatch(INDArray batch, int... rows) {
        INDArray x = Nd4j.pullRows(batch.reshape(batch.size(0), -1), 1, rows).reshape(rows.length, batch.size(1),
                batch.size(2), batch.size(3));
        INDArray t = Nd4j.zeros(batch.dataType(), rows.length, 1, batch.size(2), batch.size(3));
        return new SubBatch(x, rows, batch, t);
    }

    /** Marks a column band of every target map as unconstrained (NaN), to exercise partial constraints. */
    static SubBatch withUnconstrainedBand(SubBatch s) {
        INDArray t = s.targets().dup();
        t.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(0, 2))
                .assign(Double.NaN);
        return new SubBatch(s.images(), s.rows(), s.batch(), t);
    }
}
