package org.xai4j.attribution.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.attribution.Attributions;
import org.xai4j.attribution.Baseline;
import org.xai4j.model.ModelAdapter;
import org.xai4j.model.Target;
import org.xai4j.testing.AttributionGraphs;
import org.xai4j.testing.TestGraphs;

/** Sensitivity-N against what holds by construction on a linear model. */
class SensitivityNTest {
    private static final SensitivityN.Options OPTIONS = new SensitivityN.Options(new int[] {1, 4, 16, 30}, 20,
            Baseline.zero(), ScoreFunction.LOGIT, 3, 64);

    @Test
    void inputTimesGradientAndIntegratedGradientsAreCompleteOnALinearModelForEveryN() {
        ModelAdapter a = new ModelAdapter(AttributionGraphs.linear(2, 1));
        INDArray x = TestGraphs.input(AttributionGraphs.LINEAR_INPUT, 3, DataType.DOUBLE, 5);
        Target t = Target.perExample(new int[] {0, 1, 1});
        for (String method : new String[] {"ixg", "ig"}) {
            SensitivityN.Curve c = SensitivityN.evaluate(a, x, Attributions.create(method, a).attribute(x, t), t,
                    OPTIONS);
            assertThat(c.sizes()).containsExactly(1, 4, 16, 30);
            for (double v : c.mean()) {
                assertThat(v).as(method).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
            }
        }
        // the gradient alone ignores the pixel values: far from 1 once the subsets hold several pixels
        SensitivityN.Curve grad = SensitivityN.evaluate(a, x, Attributions.create("grad", a).attribute(x, t), t,
                OPTIONS);
        assertThat(grad.mean()[2]).isLessThan(0.9);
        // a map that carries no information correlates with nothing
        SensitivityN.Curve constant = SensitivityN.evaluate(a, x, x.mul(0).addi(1), t, OPTIONS);
        assertThat(constant.mean()[0]).isNaN();
    }

    @Test
    void badSizesAreRefused() {
        ModelAdapter a = new ModelAdapter(AttributionGraphs.linear(1, 1));
        INDArray x = TestGraphs.input(AttributionGraphs.LINEAR_INPUT, 2, DataType.DOUBLE, 5);
        assertThatThrownBy(() -> SensitivityN.evaluate(a, x, x, Target.logit(0), new SensitivityN.Options(
                new int[] {37}, 5, Baseline.zero(), ScoreFunction.LOGIT, 0, 64))).hasMessageContaining("37");
        assertThatThrownBy(() -> new SensitivityN.Options(new int[] {0}, 5, Baseline.zero(), ScoreFunction.LOGIT, 0,
                64)).hasMessageContaining("sensitivity-n");
        assertThat(SensitivityN.Options.logGrid(10)).containsExactly(1, 2, 4, 8, 10);
    }
}
