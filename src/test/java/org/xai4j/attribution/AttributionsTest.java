package org.xai4j.attribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.xai4j.testing.FiniteDifferences.relativeError;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.xai4j.model.Classifier;
import org.xai4j.model.ModelAdapter;
import org.xai4j.model.Target;
import org.xai4j.testing.FiniteDifferences;
import org.xai4j.testing.AttributionGraphs;
import org.xai4j.testing.TestGraphs;

/**
 * Contract of every registered method: batch results equal per-example results, any head size works, the model is
 * left bit-identical, outputs are owned arrays of the input's shape.
 */
class AttributionsTest {
    /** Methods whose result for an example does not depend on the rest of the batch. */
    private static final List<String> DETERMINISTIC = List.of("grad", "ixg", "ig", "gradcam", "gradcampp", "cam",
            "occlusion", "guidedbackprop");
    /** Small windows and few samples, so that every method runs on 6x6 and 8x8 test images in little time. */
    private static final AttributionOptions SMALL = AttributionOptions.defaults()
            .with("occlusion", new Occlusion.Options(3, 2, 0.0, 64))
            .withAll(NoiseTunnel.Options.class, new NoiseTunnel.Options(4, 0.1, 0L, 64))
            .with("eg", new ExpectedGradients.Options(8, null, 0L, 64))
            .with("ig", new IntegratedGradients.Options(8, Quadrature.GAUSS_LEGENDRE, Baseline.zero(), 64))
            .withAll(InformationBottleneck.Options.class, InformationBottleneck.Options.defaults().onTap("stage1"))
            .with("multilayer-iba", new MultiLayerIba.Options(List.of("stage1", "last_conv"), null, null));

    @BeforeAll
    static void threads() {
        FiniteDifferences.singleThreaded();
    }

    @Test
    void registryListsTheMethodsAndRefusesUnknownNames() {
        assertThat(Attributions.names()).contains("grad", "ixg", "ig", "eg", "gradcam", "gradcampp", "cam",
                "smoothgrad", "vargrad", "occlusion", "guidedbackprop");
        ModelAdapter a = new ModelAdapter(AttributionGraphs.smooth(2, 1));
        for (String name : Attributions.names()) {
            assertThat(Attributions.create(name, a, SMALL).name()).isEqualTo(name);
        }
        assertThat(Attributions.create("smoothgrad:ig", a).name()).isEqualTo("smoothgrad:ig");
        assertThat(Attributions.create("vargrad:guidedbackprop", a).name()).isEqualTo("vargrad:guidedbackprop");
        assertThatThrownBy(() -> Attributions.create("smoothgrad:nope", a)).hasMessageContaining("nope");
        assertThatThrownBy(() -> Attributions.create("lime", a)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lime").hasMessageContaining("grad, ixg, ig");
    }

    @Test
    void batchedResultsEqualPerExampleResults() {
        ModelAdapter a = new ModelAdapter(AttributionGraphs.smooth(3, 2));
        INDArray x = TestGraphs.input(AttributionGraphs.INPUT, 3, DataType.DOUBLE, 3);
        int[] classes = {2, 0, 1};
        for (String name : DETERMINISTIC) {
            Attribution m = Attributions.create(name, a, SMALL);
            INDArray batch = m.attribute(x, Target.perExample(classes));
            assertThat(batch.shape()).as(name).isEqualTo(x.shape());
            for (int n = 0; n < 3; n++) {
                INDArray one = m.attribute(x.get(NDArrayIndex.interval(n, n + 1)), Target.logit(classes[n]));
                assertThat(relativeError(batch.get(NDArrayIndex.interval(n, n + 1)), one)).as("%s example %d", name, n)
                        .isLessThan(1e-12);
            }
        }
    }

    @Test
    void everyMethodWorksOnSingleLogitAndMultiOutputHeadsAndLeavesTheModelBitIdentical() {
        for (int outputs : new int[] {1, 4}) {
            Classifier c = AttributionGraphs.smooth(outputs, 4);
            ModelAdapter a = new ModelAdapter(c);
            INDArray params = c.graph().params().dup();
            int listeners = c.graph().getListeners() == null ? 0 : c.graph().getListeners().size();
            INDArray x = TestGraphs.input(AttributionGraphs.INPUT, 2, DataType.DOUBLE, 5);
            INDArray xCopy = x.dup();
            Target target = outputs == 1 ? Target.logit(0) : Target.sum(1, 3);
            for (String name : List.copyOf(Attributions.names())) {
                INDArray r = Attributions.create(name, a, SMALL).attribute(x, target);
                assertThat(r.shape()).as(name).isEqualTo(x.shape());
                assertThat(r.isView()).as(name).isFalse();
                assertThat(java.util.Arrays.stream(r.data().asDouble()).allMatch(Double::isFinite))
                        .as("%s gives finite values", name).isTrue();
                assertThat(c.graph().params()).as("%s leaves parameters and BN statistics bit-identical", name)
                        .isEqualTo(params);
                assertThat(x).as("%s leaves the inputs alone", name).isEqualTo(xCopy);
            }
            assertThat(c.graph().getListeners() == null ? 0 : c.graph().getListeners().size()).isEqualTo(listeners);
        }
    }

    @Test
    void floatModelsWork() {
        ModelAdapter a = new ModelAdapter(TestGraphs.residualConcat(DataType.FLOAT, 6));
        INDArray x = TestGraphs.input(TestGraphs.RESIDUAL_INPUT, 2, DataType.FLOAT, 7);
        for (String name : Attributions.names()) {
            INDArray r = Attributions.create(name, a, SMALL).attribute(x, Target.logit(1));
            assertThat(r.dataType()).as(name).isEqualTo(DataType.FLOAT);
            assertThat(r.shape()).as(name).isEqualTo(x.shape());
        }
    }
}
