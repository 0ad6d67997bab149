package org.xai4j.dissection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.model.Classifier;
import org.xai4j.model.HeadGraph;
import org.xai4j.model.InputShape;
import org.xai4j.model.Mode;
import org.xai4j.model.ModelAdapter;
import org.xai4j.model.ModelOptions;
import org.xai4j.model.ModelRegistry;
import org.xai4j.testing.TestGraphs;

/** The head above a tap reproduces the model; unit Integrated Gradients are complete. */
class UnitAttributionTest {
    static Classifier resnet(String arch) {
        return Classifier.create(ModelRegistry.build(new ModelOptions(arch, 0.125, List.of(1, 1, 1, 1), null),
                new InputShape(1, 32, 32), 2, 7, DataType.DOUBLE));
    }

    @Test
    void theHeadAboveATapReproducesTheLogits() {
        for (String arch : List.of("resnet18", "densenet121-truncated")) {
            Classifier c = arch.equals("resnet18") ? resnet(arch) : Classifier.create(ModelRegistry.build(
                    new ModelOptions(arch, 0.125, null, null), new InputShape(1, 32, 32), 2, 7, DataType.DOUBLE));
            TestGraphs.randomizeBatchNorm(c, 3);
            ModelAdapter full = new ModelAdapter(c);
            INDArray x = TestGraphs.input(c.description().inputShape(), 4, DataType.DOUBLE, 5);
            INDArray z = full.logits(x, Mode.INFERENCE);
            for (String tap : c.description().taps().keySet()) {
                Classifier head = HeadGraph.above(c, tap);
                INDArray h = new ModelAdapter(head).logits(full.activations(x, tap), Mode.INFERENCE);
                assertThat(h.sub(z).amaxNumber().doubleValue()).as(arch + " above " + tap).isLessThan(1e-9);
            }
        }
    }

    /** Completeness: the unit contributions sum to T(x) - T(tap = 0), computed with the full model and the head. */
    @Test
    void unitIntegratedGradientsAreComplete() {
        Classifier c = resnet("resnet18");
        TestGraphs.randomizeBatchNorm(c, 3);
        ModelAdapter full = new ModelAdapter(c);
        INDArray x = TestGraphs.input(c.description().inputShape(), 3, DataType.DOUBLE, 5).addi(1).divi(2);
        for (String tap : List.of("last_conv", "stage3")) {
            org.xai4j.attribution.UnitIntegratedGradients ig = new org.xai4j.attribution.UnitIntegratedGradients(full,
                    new org.xai4j.attribution.UnitIntegratedGradients.Options(tap, 128));
            org.xai4j.model.Target target = org.xai4j.model.Target.logit(1);
            INDArray s = ig.unitContributions(x, target).attributions();
            INDArray zero = full.activations(x, tap).mul(0);
            INDArray fx = full.logits(x, Mode.INFERENCE);
            INDArray f0 = new ModelAdapter(HeadGraph.above(c, tap)).logits(zero, Mode.INFERENCE);
            for (int i = 0; i < 3; i++) {
                double expected = fx.getDouble(i, 1) - f0.getDouble(i, 1);
                double sum = s.slice(i).sumNumber().doubleValue();
                assertThat(Math.abs(sum - expected)).as(tap + " image " + i + ": " + sum + " vs " + expected)
                        .isLessThan(1e-2 * Math.max(1, Math.abs(expected)));
            }
            INDArray map = ig.attribute(x, target);
            assertThat(map.shape()).isEqualTo(x.shape());
        }
        assertThat(org.xai4j.attribution.Attributions.create("unit-ig", full).name()).isEqualTo("unit-ig");
    }
}
