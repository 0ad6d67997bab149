package org.xai4j.constraint;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintStream;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.adversarial.AdversarialStep;
import org.xai4j.adversarial.Attack;
import org.xai4j.adversarial.InputRange;
import org.xai4j.adversarial.L2Ball;
import org.xai4j.adversarial.Pgd;
import org.xai4j.config.RunConfig;
import org.xai4j.constraint.ConstraintOptions.Region;
import org.xai4j.data.Batch;
import org.xai4j.data.DataSources;
import org.xai4j.data.SampleSet;
import org.xai4j.loss.LogitLoss;
import org.xai4j.loss.WeightedBce;
import org.xai4j.model.ModelAdapter;
import org.xai4j.report.CsvTable;
import org.xai4j.run.Checkpoint;
import org.xai4j.run.RunFolder;
import org.xai4j.step.StandardStep;
import org.xai4j.step.StepResult;
import org.xai4j.testing.FiniteDifferences;
import org.xai4j.testing.TestGraphs;
import org.xai4j.testing.TinyRuns;
import org.xai4j.train.TrainingRun;

/**
 * Adversarial training combined with the attribution constraint: the attack sees the classification loss only,
 * and the constrained step evaluates both terms on the perturbed batch (docs/adversarial.md, "Order of terms").
 */
class AdversarialConstrainedTest {
    private static final PrintStream QUIET = new PrintStream(PrintStream.nullOutputStream());

    @BeforeAll
    static void threads() {
        FiniteDifferences.singleThreaded();
    }

    private static AdversarialStep adversarial(LogitLoss loss, double fraction, org.xai4j.step.TrainingStep inner) {
        Attack pgd = new Pgd(new L2Ball(0.5), InputRange.UNIT, loss, new Pgd.Settings(2, 0.3, true, 1, false, true));
        return new AdversarialStep(pgd, fraction, false, false, inner, 11);
    }

    @Test
    void theConstrainedStepRunsOnThePerturbedBatchWhichTheConstraintDoesNotShape() {
        ModelAdapter adapter = new ModelAdapter(TestGraphs.residualConcat(DataType.DOUBLE, 4));
        LogitLoss loss = WeightedBce.plain(2);
        Batch b = ConstrainedStepTest.batch(0, 1, 0, 1, 0, 1);
        ConstrainedStep constrained = ConstrainedStepTest.step(loss, new InputXGradientAttribution(), Region.BRAIN);
        INDArray before = adapter.graph().params().dup();

        AdversarialStep combined = adversarial(loss, 0.5, constrained);
        StepResult got = combined.compute(adapter, b);
        assertThat(adapter.graph().params()).as("a step moves no parameter").isEqualTo(before);

        Batch perturbed = combined.adversarialBatch(adapter, b);
        Batch perturbedForStandard = adversarial(loss, 0.5, new StandardStep(loss)).adversarialBatch(adapter, b);
        assertThat(perturbed.features()).as("the attack ignores the constraint term")
                .isEqualTo(perturbedForStandard.features());
        assertThat(perturbed.features()).as("half the batch is attacked").isNotEqualTo(b.features());
        assertThat(perturbed.brainMasks()).as("brain masks travel with the batch").isEqualTo(b.brainMasks());
        assertThat(perturbed.labels()).isEqualTo(b.labels());

        StepResult expected = constrained.compute(adapter, perturbed);
        assertThat(ConstrainedStepTest.flat(got)).as("bit-identical to the constrained step on the perturbed batch")
                .isEqualTo(ConstrainedStepTest.flat(expected));
        assertThat(got.lossParts()).isEqualTo(expected.lossParts());
        assertThat(got.lossParts().get(ConstrainedStep.PART)).isPositive();
        StepResult onClean = constrained.compute(adapter, b);
        assertThat(got.lossParts().get(ConstrainedStep.PART)).as("the term is evaluated on the perturbed images")
                .isNotEqualTo(onClean.lossParts().get(ConstrainedStep.PART));
    }

    @Test
    void aRunWithBothTrainsLogsBothLossPartsAndDiffersFromEitherAlone(@TempDir Path dir) {
        String[] constraint = {"train.ui=false", "train.constraint.enabled=true", "train.constraint.attribution=ixg",
                "train.constraint.region=brain", "train.constraint.scale=100", "train.constraint.difference=forward"};
        String[] attack = {"train.adversarial.mode=mixed", "train.adversarial.attack.steps=2"};
        RunConfig both = TinyRuns.config(1, concat(constraint, attack));
        SampleSet data = DataSources.load(both.data(), dir);
        TrainingRun.Outcome run = new TrainingRun(both, dir, "both", null, QUIET).execute(data);
        CsvTable metrics = CsvTable.read(run.folder().resolve(RunFolder.METRICS));
        assertThat(metrics.header()).containsSubsequence("train_wbce", "train_constraint", "train_loss");
        double term = Double.parseDouble(metrics.rows().get(0).get(metrics.header().indexOf("train_constraint")));
        assertThat(term).isPositive().isFinite();

        TrainingRun.Outcome constrainedOnly = new TrainingRun(TinyRuns.config(1, constraint), dir, "constrained", null,
                QUIET).execute(data);
        TrainingRun.Outcome adversarialOnly = new TrainingRun(TinyRuns.config(1, concat(new String[] {"train.ui=false"},
                attack)), dir, "adversarial", null, QUIET).execute(data);
        INDArray p = params(run);
        assertThat(p).isNotEqualTo(params(constrainedOnly)).isNotEqualTo(params(adversarialOnly));
        assertThat(p.isNaN().any() || p.isInfinite().any()).isFalse();
    }

    private static INDArray params(TrainingRun.Outcome run) {
        return Checkpoint.load(run.result().last()).classifier().graph().params();
    }

    private static String[] concat(String[] a, String[] b) {
        return java.util.stream.Stream.concat(java.util.Arrays.stream(a), java.util.Arrays.stream(b))
                .toArray(String[]::new);
    }
}
