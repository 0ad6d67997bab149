package org.xai4j.constraint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xai4j.config.ConfigException;
import org.xai4j.config.RunConfig;
import org.xai4j.report.CsvTable;
import org.xai4j.run.RunFolder;
import org.xai4j.testing.FiniteDifferences;
import org.xai4j.testing.TinyRuns;
import org.xai4j.train.TrainingRun;

/** The {@code train.constraint} config section and a real (tiny) constrained training run. */
class ConstrainedTrainingTest {
    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

    @Test
    void defaultsAreOffAndTheKeysBind() {
        ConstraintOptions d = TinyRuns.config(1).train().constraint();
        assertThat(d.enabled()).isFalse();
        assertThat(d.lambda()).isEqualTo(1.0);
        assertThat(d.attribution()).isEqualTo("grad");
        assertThat(d.penalty()).isEqualTo(Penalty.SOFTPLUS);
        assertThat(d.difference()).isEqualTo(ConstraintOptions.Difference.CENTRAL);
        ConstraintOptions o = TinyRuns.config(1, "train.constraint.enabled=true", "train.constraint.attribution=combination",
                "train.constraint.methods=[ixg, eg]", "train.constraint.combine=sum", "train.constraint.penalty=relu",
                "train.constraint.scale=1000", "train.constraint.normalize=rms", "train.constraint.region=brain",
                "train.constraint.difference=forward", "train.constraint.warmupEpochs=0.5").train().constraint();
        assertThat(o.activeMethods()).containsExactly("ixg", "eg");
        assertThat(o.combine()).isEqualTo(ConstraintOptions.Combine.SUM);
        assertThat(o.region()).isEqualTo(ConstraintOptions.Region.BRAIN);
        assertThat(o.scale()).isEqualTo(1000.0);
    }

    @Test
    void badValuesNameTheirKey(@TempDir Path dir) {
        assertThatThrownBy(() -> TinyRuns.config(1, "train.constraint.lambda=-1"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("train.constraint.lambda");
        assertThatThrownBy(() -> TinyRuns.config(1, "train.constraint.attribution=lrp"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("train.constraint.attribution");
        assertThatThrownBy(() -> TinyRuns.config(1, "train.constraint.methods=[grad, combination]"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("methods");
        assertThatThrownBy(() -> TinyRuns.config(1, "train.constraint.penalty=squared",
                "train.constraint.normalize=rms")).isInstanceOf(ConfigException.class).hasMessageContaining("normalize");
        RunConfig c = TinyRuns.config(1, "train.constraint.enabled=true", "train.constraint.target=edema");
        assertThatThrownBy(() -> new TrainingRun(c, dir, "x", null, QUIET).execute())
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("target: unknown label 'edema'");
    }

    @Test
    void aConstrainedRunLogsBothLossParts(@TempDir Path dir) {
        FiniteDifferences.singleThreaded();
        RunConfig config = TinyRuns.config(1, "train.ui=false", "train.constraint.enabled=true",
                "train.constraint.attribution=ixg", "train.constraint.region=brain", "train.constraint.scale=100",
                "train.constraint.difference=forward");
        TrainingRun.Outcome run = new TrainingRun(config, dir, "constrained", null, QUIET).execute();
        CsvTable metrics = CsvTable.read(run.folder().resolve(RunFolder.METRICS));
        assertThat(metrics.header()).containsSubsequence("train_wbce", "train_constraint", "train_loss");
        List<String> row = metrics.rows().get(0);
        double constraint = Double.parseDouble(row.get(metrics.header().indexOf("train_constraint")));
        assertThat(constraint).isPositive().isFinite();
        assertThat(run.test().report().macroAuc()).isBetween(0.0, 1.0);
    }
}
