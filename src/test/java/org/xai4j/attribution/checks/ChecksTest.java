package org.xai4j.attribution.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.attribution.Baseline;
import org.xai4j.attribution.Gradient;
import org.xai4j.model.Classifier;
import org.xai4j.model.ModelAdapter;
import org.xai4j.model.Target;
import org.xai4j.testing.AttributionGraphs;
import org.xai4j.testing.FiniteDifferences;
import org.xai4j.testing.TestGraphs;

/** Insertion/deletion against analytic curves of a linear model; the cascading randomisation check. */
class ChecksTest {
    @BeforeAll
    static void threads() {
        FiniteDifferences.singleThreaded();
    }

    @Test
    void insertionAndDeletionCurvesOfALinearModelAreTheAnalyticPartialSums() {
        Classifier c = AttributionGraphs.linear(2, 3);
        ModelAdapter a = new ModelAdapter(c);
        INDArray w = c.graph().getLayer("logits").getParam("W");
        double bias1 = c.graph().getLayer("logits").getParam("b").getDouble(1);
        INDArray x = TestGraphs.input(AttributionGraphs.LINEAR_INPUT, 2, DataType.DOUBLE, 4);
        Nd4j.getRandom().setSeed(5);
        INDArray maps = Nd4j.rand(DataType.DOUBLE, 2, 1, 6, 6);
        double value = 0.3;
        InsertionDeletion.Curves curves = InsertionDeletion.evaluate(a, x, maps, Target.logit(1),
                new InsertionDeletion.Options(5, Baseline.constant(value), ScoreFunction.LOGIT, 7));
        assertThat(curves.fractions()).hasSize(9); // 0, 5, ..., 35, 36 pixels
        assertThat(curves.fractions()[8]).isEqualTo(1.0);
        assertThat(curves.fractions()[1]).isEqualTo(5.0 / 36);
        for (int n = 0; n < 2; n++) {
            int[] order = InsertionDeletion.ranking(maps, n);
            for (int k = 1; k < 36; k++) {
                assertThat(maps.getDouble(n, 0, order[k - 1] / 6, order[k - 1] % 6))
                        .isGreaterThanOrEqualTo(maps.getDouble(n, 0, order[k] / 6, order[k] % 6));
            }
            double delArea = 0;
            double insArea = 0;
            double[] del = new double[9];
            double[] ins = new double[9];
            for (int k = 0; k < 9; k++) {
                int count = Math.min(5 * k, 36);
                boolean[] changed = new boolean[36];
                for (int j = 0; j < count; j++) {
                    changed[order[j]] = true;
                }
                del[k] = bias1;
                ins[k] = bias1;
                for (int p = 0; p < 36; p++) {
                    double xp = x.getDouble(n, 0, p / 6, p % 6);
                    del[k] += w.getDouble(p, 1) * (changed[p] ? value : xp);
                    ins[k] += w.getDouble(p, 1) * (changed[p] ? xp : value);
                }
                assertThat(curves.deletion()[n][k]).isCloseTo(del[k], offset(1e-12));
                assertThat(curves.insertion()[n][k]).isCloseTo(ins[k], offset(1e-12));
                if (k > 0) {
                    double dx = curves.fractions()[k] - curves.fractions()[k - 1];
                    delArea += dx * (del[k] + del[k - 1]) / 2;
                    insArea += dx * (ins[k] + ins[k - 1]) / 2;
                }
            }
            assertThat(curves.deletionAuc()[n]).isCloseTo(delArea, offset(1e-12));
            assertThat(curves.insertionAuc()[n]).isCloseTo(insArea, offset(1e-12));
        }
        InsertionDeletion.Curves sig = InsertionDeletion.evaluate(a, x, maps, Target.logit(1),
                new InsertionDeletion.Options(5, Baseline.constant(value), ScoreFunction.SIGMOID, 100));
        assertThat(sig.deletion()[1][3]).isCloseTo(1 / (1 + Math.exp(-curves.deletion()[1][3])), offset(1e-14));
    }

    @Test
    void softmaxScoresSumTheTargetWeightedProbabilities() {
        assertThat(ScoreFunction.SOFTMAX.apply(new double[] {0, Math.log(3)})).containsExactly(0.25, 0.75);
        assertThat(ScoreFunction.SIGMOID.apply(new double[] {0})).containsExactly(0.5);
    }

    @Test
    void cascadingRandomisationGoesFromTheHeadDownOnACopy() {
        Classifier c = AttributionGraphs.smooth(3, 6);
        INDArray params = c.graph().params().dup();
        INDArray x = TestGraphs.input(AttributionGraphs.INPUT, 2, DataType.DOUBLE, 7).addi(0.5);
        Target t = Target.perExample(new int[] {0, 2});
        List<RandomisationCheck.Step> steps = RandomisationCheck.run(c, Gradient::new, x, t,
                new RandomisationCheck.Options(RandomisationCheck.Granularity.LAYERS, 99));
        assertThat(steps).extracting(RandomisationCheck.Step::name).containsExactly("logits", "conv2", "bn", "conv1");
        assertThat(c.graph().params()).as("the caller's model is untouched").isEqualTo(params);
        // reference for step 2: a copy with the logits and conv2 parameters of a network initialised from seed 99
        Classifier manual = ModelCopies.copy(c);
        var fresh = ModelCopies.fresh(c, 99);
        for (String layer : List.of("logits", "conv2")) {
            manual.graph().getLayer(layer).params().assign(fresh.getLayer(layer).params());
        }
        INDArray original = new Gradient(new ModelAdapter(c)).attribute(x, t);
        double[] expected = RandomisationCheck.compare(original, new Gradient(new ModelAdapter(manual)).attribute(x, t));
        assertThat(steps.get(1).spearmanAbs()).isCloseTo(expected[0], offset(1e-12));
        assertThat(steps.get(1).spearmanSigned()).isCloseTo(expected[1], offset(1e-12));
        assertThat(steps.get(1).ssim()).isCloseTo(expected[2], offset(1e-12));
        for (RandomisationCheck.Step s : steps) {
            assertThat(s.spearmanAbs()).isBetween(-1.0, 0.99);
            assertThat(s.ssim()).isLessThan(0.99);
        }
        double[] same = RandomisationCheck.compare(original, original);
        assertThat(same).containsExactly(new double[] {1, 1, 1}, offset(1e-12));
        List<RandomisationCheck.Step> groups = RandomisationCheck.run(c, Gradient::new, x, t,
                new RandomisationCheck.Options(RandomisationCheck.Granularity.GROUPS, 99));
        assertThat(groups).extracting(RandomisationCheck.Step::name).containsExactly("head", "top", "body");
        assertThat(groups.get(2).layers()).containsExactly("conv1", "bn");
    }
}
