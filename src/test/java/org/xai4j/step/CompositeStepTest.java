package org.xai4j.step;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.data.Batch;
import org.xai4j.loss.LogitLoss;
import org.xai4j.loss.WeightedBce;
import org.xai4j.model.Classifier;
import org.xai4j.model.Mode;
import org.xai4j.model.ModelAdapter;
import org.xai4j.testing.FiniteDifferences;
import org.xai4j.testing.LogitSquares;
import org.xai4j.testing.TestGraphs;

/**
 * The composite objective against central differences of the full objective in double precision, on a small trained
 * graph in training mode with both classes in the batch: {@code L_cls + w * T} with a toy term.
 */
class CompositeStepTest {
    private static final double W = 0.7;

    @BeforeAll
    static void threads() {
        FiniteDifferences.singleThreaded();
    }

    @Test
    void itsGradientIsTheDifferenceQuotientOfClassificationLossPlusWeightedTerm() {
        Classifier c = TestGraphs.tiny(DataType.DOUBLE, 4);
        ModelAdapter adapter = new ModelAdapter(c);
        int n = 6;
        INDArray x = TestGraphs.input(TestGraphs.TINY_INPUT, n, DataType.DOUBLE, 5);
        INDArray y = Nd4j.zeros(DataType.DOUBLE, n, c.numOutputs());
        for (int i = 0; i < n; i += 2) {
            y.putScalar(i, 0, 1);
        }
        Batch batch = new Batch(x, y, null, java.util.Collections.nCopies(n, "img"));
        LogitLoss loss = WeightedBce.plain(c.numOutputs());
        // a few standard updates first: the check runs away from initialisation
        StandardStep standard = new StandardStep(loss);
        for (int k = 0; k < 5; k++) {
            INDArray g = standard.compute(adapter, batch).gradient().gradient().dup();
            adapter.zeroRunningStatistics(g.reshape(g.length()));
            c.graph().params().subi(g.reshape(c.graph().params().shape()).muli(0.05 / n));
        }
        CompositeStep step = new CompositeStep(loss, List.of(new CompositeStep.Weighted(new LogitSquares(),
                new WeightSchedule(W, 0))));
        StepResult r = step.compute(adapter, batch);
        INDArray got = r.gradient().gradient().dup();
        got = got.reshape(got.length()).divi(n);
        adapter.zeroRunningStatistics(got);
        INDArray ref = FiniteDifferences.gradient(p -> {
            INDArray z = adapter.logits(x, Mode.TRAINING);
            return loss.compute(z, y).value() + W * z.mul(z).sumNumber().doubleValue() / n;
        }, c.graph().params(), 1e-6);
        adapter.zeroRunningStatistics(ref);
        assertThat(FiniteDifferences.relativeError(got, ref)).isLessThan(1e-6);
        assertThat(r.lossParts()).containsOnlyKeys(loss.name(), LogitSquares.NAME);
        INDArray z = adapter.logits(x, Mode.TRAINING);
        assertThat(r.lossParts().get(LogitSquares.NAME)).isCloseTo(W * z.mul(z).sumNumber().doubleValue() / n,
                org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void aTermAtZeroWeightIsSkippedAndTheStepIsStandard() {
        Classifier c = TestGraphs.tiny(DataType.DOUBLE, 4);
        ModelAdapter adapter = new ModelAdapter(c);
        INDArray x = TestGraphs.input(TestGraphs.TINY_INPUT, 4, DataType.DOUBLE, 5);
        Batch batch = new Batch(x, Nd4j.zeros(DataType.DOUBLE, 4, c.numOutputs()), null,
                java.util.Collections.nCopies(4, "img"));
        LogitLoss loss = WeightedBce.plain(c.numOutputs());
        INDArray standard = new StandardStep(loss).compute(adapter, batch).gradient().gradient().dup();
        StepResult r = new CompositeStep(loss, List.of(new CompositeStep.Weighted(new LogitSquares(),
                new WeightSchedule(2.0, 4)))).compute(adapter, batch);
        assertThat(r.gradient().gradient()).as("warm-up: weight 0 at iteration 0").isEqualTo(standard);
        assertThat(r.lossParts().get(LogitSquares.NAME)).isZero();
        assertThat(new WeightSchedule(2.0, 4).at(2)).isEqualTo(1.0);
        assertThatThrownBy(() -> new CompositeStep(loss, List.of(new CompositeStep.Weighted(new LogitSquares(),
                new WeightSchedule(1, 0)), new CompositeStep.Weighted(new LogitSquares(), new WeightSchedule(1, 0)))))
                .hasMessageContaining("same name");
    }
}
