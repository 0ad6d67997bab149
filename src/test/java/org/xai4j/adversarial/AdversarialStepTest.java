package org.xai4j.adversarial;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.xai4j.data.Batch;
import org.xai4j.loss.BetaMode;
import org.xai4j.loss.LogitLoss;
import org.xai4j.loss.WeightedBce;
import org.xai4j.model.Classifier;
import org.xai4j.model.ModelAdapter;
import org.xai4j.step.StandardStep;
import org.xai4j.step.StepResult;
import org.xai4j.testing.FiniteDifferences;
import org.xai4j.testing.TestGraphs;

/** The adversarial training step: what it trains on, and that only the final pass reaches the update. */
class AdversarialStepTest {
    private static final LogitLoss LOSS = WeightedBce.weighted(BetaMode.BATCH, new double[] {1.0, 1.0});

    @BeforeAll
    static void threads() {
        FiniteDifferences.singleThreaded();
    }

    private static Batch batch(Classifier c, int n) {
        INDArray x = Nd4j.math().clipByValue(
                TestGraphs.input(c.description().inputShape(), n, DataType.DOUBLE, 21).muli(0.6).addi(0.5), 0, 1);
        double[][] y = new double[n][2];
        for (int i = 0; i < n; i++) {
            y[i][i % 2] = 1;
        }
        return new Batch(x.castTo(DataType.FLOAT), Nd4j.createFromArray(y).castTo(DataType.FLOAT), null,
                java.util.stream.IntStream.range(0, n).mapToObj(i -> "img" + i).toList());
    }

    private static AdversarialStep step(double fraction) {
        Attack pgd = new Pgd(new L2Ball(0.5), InputRange.UNIT, LOSS, new Pgd.Settings(3, 0.2, true, 1, false, true));
        return new AdversarialStep(pgd, fraction, false, false, new StandardStep(LOSS), 5);
    }

    @Test
    void theGradientIsTheStandardGradientOnTheAdversarialBatchSoAttackPassesDoNotReachTheUpdate() {
        Classifier c = TestGraphs.residualConcat(DataType.FLOAT, 4);
        ModelAdapter a = new ModelAdapter(c);
        Batch b = batch(c, 6);
        INDArray paramsBefore = c.graph().params().dup();
        AdversarialStep step = step(1.0);
        StepResult adversarial = step.compute(a, b);
        INDArray got = adversarial.gradient().gradient().dup();
        assertThat(c.graph().params()).as("a step changes no parameter").isEqualTo(paramsBefore);

        Batch adv = step.adversarialBatch(a, b);
        StepResult standard = new StandardStep(LOSS).compute(a, adv);
        assertThat(got).as("bit-identical gradient, BatchNorm running-statistics deltas included")
                .isEqualTo(standard.gradient().gradient());
        assertThat(adversarial.lossParts()).isEqualTo(standard.lossParts());
        StepResult clean = new StandardStep(LOSS).compute(a, b);
        assertThat(adversarial.lossParts().get("wbce")).isGreaterThan(clean.lossParts().get("wbce"));

        // the running-statistics entries are those of the final (adversarial) batch, not of the clean one
        INDArray statsAdv = runningStatEntries(a, got);
        INDArray statsClean = runningStatEntries(a, clean.gradient().gradient());
        assertThat(statsAdv).isNotEqualTo(statsClean);
    }

    @Test
    void mixedModePerturbsTheFirstShareOfTheBatchAndKeepsTheRestClean() {
        Classifier c = TestGraphs.residualConcat(DataType.FLOAT, 4);
        ModelAdapter a = new ModelAdapter(c);
        Batch b = batch(c, 6);
        AdversarialStep step = step(0.5);
        assertThat(step.perturbedCount(6)).isEqualTo(3);
        assertThat(step.perturbedCount(5)).isEqualTo(3);
        assertThat(step(0.1).perturbedCount(4)).isZero();
        Batch adv = step.adversarialBatch(a, b);
        assertThat(adv.labels()).isEqualTo(b.labels());
        assertThat(adv.ids()).isEqualTo(b.ids());
        INDArray x = b.features();
        INDArray z = adv.features();
        for (int i = 0; i < 6; i++) {
            INDArray row = z.get(NDArrayIndex.point(i));
            INDArray orig = x.get(NDArrayIndex.point(i));
            if (i < 3) {
                double norm = row.sub(orig).norm2Number().doubleValue();
                assertThat(norm).as("row %d", i).isGreaterThan(0).isLessThanOrEqualTo(0.5 * (1 + 1e-5));
            } else {
                assertThat(row).as("row %d", i).isEqualTo(orig);
            }
        }
        assertThat(step(0.1).adversarialBatch(a, batch(c, 4))).as("nothing to perturb").isNotNull();
    }

    @Test
    void theRandomStartDependsOnTheIterationSoEveryBatchGetsItsOwnAndRunsRepeat() {
        Classifier c = TestGraphs.residualConcat(DataType.FLOAT, 4);
        ModelAdapter a = new ModelAdapter(c);
        Batch b = batch(c, 4);
        AdversarialStep step = step(1.0);
        INDArray first = step.adversarialBatch(a, b).features();
        assertThat(step.adversarialBatch(a, b).features()).isEqualTo(first);
        c.graph().getConfiguration().setIterationCount(1);
        assertThat(step.adversarialBatch(a, b).features()).isNotEqualTo(first);
    }

    @Test
    void wrapLeavesTheStepAloneWhenAdversarialTrainingIsOff() {
        StandardStep inner = new StandardStep(LOSS);
        assertThat(AdversarialStep.wrap(AdversarialOptions.defaults(), inner, LOSS, TestGraphs.RESIDUAL_INPUT, 1))
                .isSameAs(inner);
        AdversarialOptions mixed = new AdversarialOptions(AdversarialMode.MIXED, null, null, null);
        assertThat(AdversarialStep.wrap(mixed, inner, LOSS, TestGraphs.RESIDUAL_INPUT, 1))
                .isInstanceOf(AdversarialStep.class);
        assertThat(mixed.fraction()).isEqualTo(0.5);
    }

    private static INDArray runningStatEntries(ModelAdapter a, INDArray flat) {
        INDArray v = flat.reshape(flat.length());
        List<INDArray> parts = new java.util.ArrayList<>();
        for (long[] r : a.runningStatisticsRanges()) {
            parts.add(v.get(NDArrayIndex.interval(r[0], r[0] + r[1])).dup());
        }
        return Nd4j.concat(0, parts.toArray(INDArray[]::new));
    }
}
