package org.xai4j.faithfulness;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.xai4j.cli.Main;
import org.xai4j.config.ConfigWriter;
import org.xai4j.config.RunConfig;
import org.xai4j.model.Classifier;
import org.xai4j.model.InputShape;
import org.xai4j.report.CsvTable;
import org.xai4j.run.Checkpoint;
import org.xai4j.run.TrainingState;
import org.xai4j.testing.TinyRuns;

/** {@code xai4j evaluate-attributions} on a run folder: outputs and bad input. */
class EvaluateAttributionsCommandTest {
    @Test
    void sensitivityNWritesItsTablePlotAndCsvAndRefusesBadInput(@TempDir Path dir) throws Exception {
        RunConfig config = TinyRuns.config(1);
        Path run = dir.resolve("run");
        ConfigWriter.write(config, run.resolve("config.yaml"));
        Classifier c = Classifier.build(config.model(), new InputShape(1, 32, 32), 1, 7, DataType.FLOAT);
        new Checkpoint(c, TrainingState.start(0.001)).save(run.resolve("best.ckpt"));
        assertThat(Main.run("evaluate-attributions", "--run", run.toString(), "--methods", "ixg,lrp-epsilon,iba",
                "--limit", "2", "--sizes", "4,64", "--subsets", "5")).isZero();
        Path out = run.resolve("evaluate-attributions");
        CsvTable csv = CsvTable.read(out.resolve(SensitivityNJob.CSV));
        assertThat(csv.header()).containsExactly("method", "n", "mean_correlation", "images");
        assertThat(csv.rows()).hasSize(6);
        // epsilon-LRP is Input x Gradient (up to float precision and epsilon), and every method sees the same subsets
        assertThat(Double.parseDouble(csv.rows().get(2).get(2))).isCloseTo(Double.parseDouble(csv.rows().get(0).get(2)),
                org.assertj.core.data.Offset.offset(1e-3));
        assertThat(out.resolve(SensitivityNJob.PLOT)).isNotEmptyFile();
        assertThat(Files.readString(out.resolve(SensitivityNJob.TABLE))).contains("| ixg |", "N=64");
        assertThat(Main.run("evaluate-attributions", "--run", run.toString(), "--suite", "roar")).isEqualTo(2);
        assertThat(Main.run("evaluate-attributions", "--run", run.toString(), "--methods", "lime")).isEqualTo(2);
        assertThat(Main.run("evaluate-attributions", "--run", run.toString(), "--sizes", "5000")).isEqualTo(2);
        assertThat(Main.run("evaluate-attributions", "--run", dir.resolve("missing").toString())).isEqualTo(2);
    }
}
