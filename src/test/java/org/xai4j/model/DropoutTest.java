package org.xai4j.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** {@link ModelOptions#dropout()} is active in training-mode forward passes only. */
class DropoutTest {
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"resnet18", "vgg11", "patch"})
    void dropoutActsInTrainingOnly(String architecture) {
        List<Integer> reference = ModelRegistry.builder(architecture).referenceBlocks();
        List<Integer> blocks = reference.isEmpty() ? null : Collections.nCopies(reference.size(), 1);
        ComputationGraph g = Classifier.build(new ModelOptions(architecture, 0.125, blocks, 0.5), SmallModels.SHAPE,
                SmallModels.OUTPUTS, 1, DataType.FLOAT).graph();
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 1, 32, 32);
        assertThat(g.output(x)[0]).isEqualTo(g.output(x)[0]);
        INDArray a = g.feedForward(x, true).get("logits");
        INDArray b = g.feedForward(x, true).get("logits");
        assertThat(a).isNotEqualTo(b);
    }
}
