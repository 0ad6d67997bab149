package org.xai4j.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The same contract for every registered architecture (timm-style), on tiny variants at 1x32x32. */
class ModelContractTest {
    private static final int BATCH = 2;

    static Stream<String> architectures() {
        return ModelRegistry.architectures().stream();
    }

    private static INDArray input() {
        Nd4j.getRandom().setSeed(7);
        InputShape s = SmallModels.SHAPE;
        return Nd4j.rand(DataType.FLOAT, BATCH, s.channels(), s.height(), s.width());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("architectures")
    void forwardGivesOneLogitPerOutput(String architecture) {
        Classifier c = SmallModels.classifier(architecture, DataType.FLOAT);
        INDArray out = c.graph().output(input())[0];
        assertThat(out.shape()).containsExactly(BATCH, SmallModels.OUTPUTS);
        assertThat(c.description().logitsName()).isEqualTo("logits");
        assertThat(c.graph().getConfiguration().getNetworkOutputs()).containsExactly("logits");
        assertThat(c.graph().getConfiguration().getNetworkInputs()).containsExactly("input");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("architectures")
    void tapsNameFourDimensionalActivations(String architecture) {
        Classifier c = SmallModels.classifier(architecture, DataType.FLOAT);
        Map<String, String> taps = c.description().taps();
        assertThat(taps).containsKey(ModelDescription.LAST_CONV);
        for (int s = 1; s <= SmallModels.stages(architecture); s++) {
            assertThat(taps).containsKey("stage" + s);
        }
        Map<String, INDArray> acts = c.graph().feedForward(input(), false);
        taps.forEach((tap, vertex) -> {
            assertThat(acts).as("tap %s -> %s", tap, vertex).containsKey(vertex);
            assertThat(acts.get(vertex).rank()).as("rank of tap %s", tap).isEqualTo(4);
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("architectures")
    void layerGroupsCoverEveryParameterisedLayerOnce(String architecture) {
        Classifier c = SmallModels.classifier(architecture, DataType.FLOAT);
        Map<String, Integer> seen = new HashMap<>();
        Set<String> layers = new HashSet<>();
        for (Layer l : c.graph().getLayers()) {
            layers.add(l.conf().getLayer().getLayerName());
        }
        c.description().layerGroups().values().forEach(group -> group.forEach(name -> {
            assertThat(layers).as("group member %s is a layer", name).contains(name);
            seen.merge(name, 1, Integer::sum);
        }));
        for (Layer l : c.graph().getLayers()) {
            if (l.numParams() > 0) {
                assertThat(seen.get(l.conf().getLayer().getLayerName()))
                        .as("groups holding %s", l.conf().getLayer().getLayerName()).isEqualTo(1);
            }
        }
        List<String> names = List.copyOf(c.description().layerGroups().keySet());
        assertThat(names.get(names.size() - 1)).isEqualTo("head");
        assertThat(c.description().layerGroups().get("head")).contains("logits");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("architectures")
    void backpropOfExternalErrorsGivesFiniteGradients(String architecture) {
        Classifier c = SmallModels.classifier(architecture, DataType.FLOAT);
        ComputationGraph g = c.graph();
        g.feedForward(new INDArray[] {input()}, true, false);
        g.backpropGradient(Nd4j.ones(DataType.FLOAT, BATCH, SmallModels.OUTPUTS));
        INDArray grads = g.getGradientsViewArray();
        assertThat(grads.isNaN().any() || grads.isInfinite().any()).isFalse();
        assertThat(grads.norm2Number().doubleValue()).isGreaterThan(0);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("architectures")
    void saveAndRestoreKeepOutputs(String architecture, @TempDir Path dir) throws Exception {
        Classifier c = SmallModels.classifier(architecture, DataType.FLOAT);
        INDArray x = input();
        Nd4j.getRandom().setSeed(11); // move every parameter (BN statistics, gamma/beta) off its initial value
        c.graph().params().addi(Nd4j.randn(DataType.FLOAT, c.graph().params().shape()).muli(0.05));
        INDArray before = c.graph().output(x)[0];
        File f = dir.resolve("model.zip").toFile();
        ModelSerializer.writeModel(c.graph(), f, false);
        ComputationGraph restored = ModelSerializer.restoreComputationGraph(f, false);
        assertThat(restored.output(x)[0]).isEqualTo(before);
    }
}
