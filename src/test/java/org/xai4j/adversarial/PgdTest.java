package org.xai4j.adversarial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.loss.BetaMode;
import org.xai4j.loss.LogitLoss;
import org.xai4j.loss.WeightedBce;
import org.xai4j.model.Classifier;
import org.xai4j.model.Mode;
import org.xai4j.model.ModelAdapter;
import org.xai4j.testing.FiniteDifferences;
import org.xai4j.testing.TestGraphs;

/** PGD (and FGSM) on a small residual BatchNorm network: ball, range, loss, determinism, untouched model. */
class PgdTest {
    private static final LogitLoss LOSS = WeightedBce.weighted(BetaMode.BATCH, new double[] {1.5, 0.8});

    @BeforeAll
    static void threads() {
        FiniteDifferences.singleThreaded();
    }

    private static Classifier model(DataType type) {
        return TestGraphs.residualConcat(type, 11);
    }

    /** Images in [0, 1] with some pixels exactly at the bounds. */
    private static INDArray images(Classifier c, int n, DataType type) {
        INDArray x = TestGraphs.input(c.description().inputShape(), n, DataType.DOUBLE, 12).muli(0.7).addi(0.5);
        x = Nd4j.math().clipByValue(x, 0, 1);
        return x.castTo(type);
    }

    private static INDArray labels() {
        return Nd4j.createFromArray(new double[][] {{1, 0}, {0, 1}, {1, 1}, {0, 0}, {1, 0}, {0, 1}});
    }

    private static Pgd pgd(ThreatModel ball, int steps, boolean randomStart, int restarts, boolean targeted,
                           boolean keepBest) {
        return new Pgd(ball, InputRange.UNIT, LOSS, new Pgd.Settings(steps, ball.epsilon() / 4, randomStart, restarts,
                targeted, keepBest));
    }

    private static double loss(ModelAdapter a, INDArray x, INDArray y, Mode mode) {
        return LOSS.compute(a.logits(x, mode), y).value();
    }

    @Test
    void everyAdversarialExampleLiesInTheBallAndTheValidRange() {
        Classifier c = model(DataType.FLOAT);
        ModelAdapter a = new ModelAdapter(c);
        INDArray x = images(c, 6, DataType.FLOAT);
        INDArray y = labels().castTo(DataType.FLOAT);
        for (ThreatModel ball : List.of(new LinfBall(0.03), new L2Ball(0.5))) {
            for (Mode mode : Mode.values()) {
                for (Attack attack : List.of(pgd(ball, 5, true, 2, false, true), pgd(ball, 4, true, 1, true, false),
                        new Fgsm(ball, InputRange.UNIT, LOSS, false))) {
                    INDArray adv = attack.perturb(a, x, y, mode, 5);
                    String what = attack.name() + " " + ball.name() + " " + mode;
                    assertThat(adv.shape()).isEqualTo(x.shape());
                    double[] norms = ball.norms(adv.sub(x).reshape(6, -1));
                    for (double n : norms) {
                        assertThat(n).as(what).isLessThanOrEqualTo(ball.epsilon() * (1 + 1e-5) + 1e-7);
                    }
                    assertThat(adv.minNumber().doubleValue()).as(what).isGreaterThanOrEqualTo(0.0);
                    assertThat(adv.maxNumber().doubleValue()).as(what).isLessThanOrEqualTo(1.0);
                    assertThat(adv.sub(x).norm2Number().doubleValue()).as(what + " moved").isGreaterThan(0.0);
                }
            }
        }
    }

    @Test
    void untargetedAttacksDoNotDecreaseTheLossAndTargetedAttacksDoNotIncreaseTheTargetLoss() {
        Classifier c = model(DataType.DOUBLE);
        ModelAdapter a = new ModelAdapter(c);
        INDArray x = images(c, 6, DataType.DOUBLE);
        INDArray y = labels();
        INDArray target = TargetLabels.flipped(y, false);
        for (ThreatModel ball : List.of(new LinfBall(0.05), new L2Ball(0.6))) {
            double clean = loss(a, x, y, Mode.INFERENCE);
            double adv = loss(a, pgd(ball, 6, true, 2, false, true).perturb(a, x, y, Mode.INFERENCE, 1), y,
                    Mode.INFERENCE);
            assertThat(adv).as(ball.name()).isGreaterThan(clean);
            double targetClean = loss(a, x, target, Mode.INFERENCE);
            double targetAdv = loss(a, pgd(ball, 6, true, 1, true, true).perturb(a, x, target, Mode.INFERENCE, 1),
                    target, Mode.INFERENCE);
            assertThat(targetAdv).as(ball.name() + " targeted").isLessThan(targetClean);
            double fgsm = loss(a, new Fgsm(ball, InputRange.UNIT, LOSS, false).perturb(a, x, y, Mode.INFERENCE, 0),
                    y, Mode.INFERENCE);
            assertThat(fgsm).as(ball.name() + " fgsm").isGreaterThan(clean);
        }
    }

    @Test
    void inTrainingModeTheBatchLossGrowsToo() {
        Classifier c = model(DataType.DOUBLE);
        ModelAdapter a = new ModelAdapter(c);
        INDArray x = images(c, 6, DataType.DOUBLE);
        INDArray y = labels();
        INDArray adv = pgd(new L2Ball(0.6), 6, true, 1, false, false).perturb(a, x, y, Mode.TRAINING, 2);
        assertThat(loss(a, adv, y, Mode.TRAINING)).isGreaterThan(loss(a, x, y, Mode.TRAINING));
    }

    @Test
    void pgdFromTheCleanInputEqualsASlowReferenceLoop() {
        Classifier c = model(DataType.DOUBLE);
        ModelAdapter a = new ModelAdapter(c);
        INDArray x = images(c, 6, DataType.DOUBLE);
        INDArray y = labels();
        double eps = 0.4;
        double step = 0.15;
        int d = (int) (x.length() / 6);
        double[][] x0 = x.reshape(6, d).toDoubleMatrix();
        double[][] xt = x.reshape(6, d).toDoubleMatrix();
        for (int t = 0; t < 4; t++) {
            INDArray at = Nd4j.createFromArray(xt).reshape(x.shape());
            double[][] g = a.inputGradient(at, z -> LOSS.compute(z, y).logitGradient(), Mode.INFERENCE)
                    .reshape(6, d).toDoubleMatrix();
            for (int n = 0; n < 6; n++) {
                double gn = 0;
                for (double v : g[n]) {
                    gn += v * v;
                }
                gn = Math.sqrt(gn) + 1e-10;
                double dn = 0;
                for (int i = 0; i < d; i++) {
                    xt[n][i] += step * g[n][i] / gn;
                    dn += (xt[n][i] - x0[n][i]) * (xt[n][i] - x0[n][i]);
                }
                dn = Math.sqrt(dn);
                for (int i = 0; i < d; i++) {
                    double delta = (xt[n][i] - x0[n][i]) * (dn > eps ? eps / dn : 1);
                    xt[n][i] = Math.min(1, Math.max(0, x0[n][i] + delta));
                }
            }
        }
        INDArray expected = Nd4j.createFromArray(xt).reshape(x.shape());
        INDArray got = new Pgd(new L2Ball(eps), InputRange.UNIT, LOSS, new Pgd.Settings(4, step, false, 1, false, false))
                .perturb(a, x, y, Mode.INFERENCE, 0);
        assertThat(FiniteDifferences.relativeError(got, expected)).isLessThan(1e-12);
    }

    @Test
    void attacksLeaveEveryParameterAndBatchNormStatisticBitIdentical() {
        Classifier c = model(DataType.FLOAT);
        ModelAdapter a = new ModelAdapter(c);
        INDArray before = c.graph().params().dup();
        INDArray x = images(c, 6, DataType.FLOAT);
        INDArray y = labels().castTo(DataType.FLOAT);
        for (Mode mode : Mode.values()) {
            pgd(new L2Ball(0.5), 3, true, 2, false, true).perturb(a, x, y, mode, 3);
            new Fgsm(new LinfBall(0.02), InputRange.UNIT, LOSS, false).perturb(a, x, y, mode, 3);
        }
        assertThat(c.graph().params()).isEqualTo(before);
        assertThat(a.runningStatisticsRanges()).isNotEmpty();
    }

    @Test
    void theSameSeedGivesTheSameExamplesAndRestartsNeverLoseToASingleRun() {
        Classifier c = model(DataType.DOUBLE);
        ModelAdapter a = new ModelAdapter(c);
        INDArray x = images(c, 6, DataType.DOUBLE);
        INDArray y = labels();
        ThreatModel ball = new L2Ball(0.6);
        INDArray one = pgd(ball, 3, true, 1, false, false).perturb(a, x, y, Mode.INFERENCE, 9);
        assertThat(pgd(ball, 3, true, 1, false, false).perturb(a, x, y, Mode.INFERENCE, 9)).isEqualTo(one);
        assertThat(pgd(ball, 3, true, 1, false, false).perturb(a, x, y, Mode.INFERENCE, 10)).isNotEqualTo(one);
        INDArray three = pgd(ball, 3, true, 3, false, false).perturb(a, x, y, Mode.INFERENCE, 9);
        INDArray zOne = a.logits(one, Mode.INFERENCE);
        INDArray zThree = a.logits(three, Mode.INFERENCE);
        for (int n = 0; n < 6; n++) {
            double l1 = LOSS.compute(zOne.getRow(n, true), y.getRow(n, true)).value();
            double l3 = LOSS.compute(zThree.getRow(n, true), y.getRow(n, true)).value();
            assertThat(l3).as("example %d", n).isGreaterThanOrEqualTo(l1);
        }
    }

    @Test
    void settingsAreValidated() {
        assertThatThrownBy(() -> new Pgd.Settings(0, 0.1, true, 1, false, true)).hasMessageStartingWith("steps:");
        assertThatThrownBy(() -> new Pgd.Settings(3, 0, true, 1, false, true)).hasMessageStartingWith("stepSize:");
        assertThatThrownBy(() -> new Pgd.Settings(3, 0.1, true, 0, false, true)).hasMessageStartingWith("restarts:");
    }
}
