package org.xai4j.adversarial;

import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.xai4j.model.Classifier;
import org.xai4j.model.InputShape;
import org.xai4j.model.ModelDescription;
import org.xai4j.model.ModelOptions;

/** A one-logit linear model {@code z = w . x + b} on 1 x 2 x 3 images, whose loss gradients are known by hand. */
final class LinearModel {
    static final InputShape SHAPE = new InputShape(1, 2, 3);
    static final double[] W = {0.5, -1.0, 0.25, 0.0, 2.0, -0.75};
    static final double B = 0.1;

    private LinearModel() {
    }

    static Classifier create() {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(1).dataType(DataType.DOUBLE)
                .updater(new Sgd(0.1)).weightInit(WeightInit.XAVIER).graphBuilder().addInputs("input")
                .setInputTypes(InputType.convolutional(2, 3, 1))
                .addLayer("logits", new DenseLayer.Builder().nOut(1).activation(Activation.IDENTITY).build(), "input")
                .setOutputs("logits").build();
        ModelDescription d = new ModelDescription(ModelOptions.of("test-linear"), SHAPE, 1, "input", "logits",
                Map.of(ModelDescription.LAST_CONV, "input"), Map.of("head", List.of("logits")));
        Classifier c = new Classifier(Classifier.newGraph(conf), d);
        c.graph().getLayer("logits").setParam("W", Nd4j.createFromArray(W).reshape(6, 1));
        c.graph().getLayer("logits").setParam("b", Nd4j.createFromArray(B).reshape(1, 1));
        return c;
    }

    /** z = w . x + b for one flattened image. */
    static double logit(double[] x) {
        double z = B;
        for (int i = 0; i < W.length; i++) {
            z += W[i] * x[i];
        }
        return z;
    }
}
