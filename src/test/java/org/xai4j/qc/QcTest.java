package org.xai4j.qc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.cli.Main;
import org.xai4j.report.CsvTable;
import org.xai4j.testing.TinyRuns;
import org.xai4j.train.TrainingRun;

/**
 * INFORMER: distinctiveness and the flag-threshold search against hand-computed values, the augmentations'
 * invariants, and {@code xai4j qc} end to end on a really trained tiny multi-label run.
 */
class QcTest {
    @Test
    void distinctivenessSumsCosineDistances() {
        double[] a = {1, 0, 0};
        double[] b = {0, 1, 0};
        double[] c = {1, 1, 0};
        double[] d = Distinctiveness.of(new double[][] {a, b, c});
        double s = 1 - 1 / Math.sqrt(2);                 // 1 - cos(a, c) = 1 - cos(b, c)
        assertThat(d[0]).isCloseTo(1 + s, within(1e-12));
        assertThat(d[1]).isCloseTo(1 + s, within(1e-12));
        assertThat(d[2]).isCloseTo(2 * s, within(1e-12));
        assertThat(Distinctiveness.of(new double[][] {a, a})).containsExactly(0, 0);
        assertThat(Distinctiveness.of(new double[][] {a, new double[3]})).containsExactly(1, 1);
    }

    @Test
    void flagThresholdSwapsTheSuspiciousSideAndMaximisesF1() {
        // predictions 1, 1, 0, 0 for labels 1, 0, 1, 0: F1 = 2 / (2 + 1 + 1) = 0.5 unswapped
        int[] predicted = {1, 1, 0, 0};
        int[] labels = {1, 0, 1, 0};
        assertThat(FlagThreshold.f1(predicted, labels)).isCloseTo(0.5, within(1e-12));
        // the two wrong predictions have the lowest scores: flag below 0.35 swaps exactly them -> F1 = 1
        double[] scores = {0.9, 0.2, 0.3, 0.8};
        FlagThreshold below = FlagThreshold.search(scores, predicted, labels, true);
        assertThat(below.f1()).isCloseTo(1.0, within(1e-12));
        assertThat(below.tau()).isGreaterThan(0.3).isLessThanOrEqualTo(0.8);
        assertThat(below.tau()).isCloseTo(0.301, within(1e-9));      // the lowest tau that reaches it
        // flagging high scores can only hurt here: the search keeps flagging nothing (the highest tau)
        FlagThreshold above = FlagThreshold.search(scores, predicted, labels, false);
        assertThat(above.f1()).isCloseTo(0.5, within(1e-12));
        assertThat(above.flags(0.9)).isFalse();
        // an unknown label (-1) is left out
        assertThat(FlagThreshold.f1(new int[] {1, 1}, new int[] {1, -1})).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void augmentationsKeepWhatTheyMust() {
        INDArray x = Nd4j.rand(DataType.DOUBLE, 1, 1, 17, 17);
        assertThat(TestTimeAugmentation.rotate(x, Math.toRadians(45)).getDouble(0, 0, 8, 8))
                .isCloseTo(x.getDouble(0, 0, 8, 8), within(1e-12));      // the centre stays
        assertThat(TestTimeAugmentation.rotate(x, 0)).isEqualTo(x);
        assertThat(TestTimeAugmentation.padCrop(x, 8, 8, 8)).isEqualTo(x);
        assertThat(TestTimeAugmentation.padCrop(x, 8, 0, 0).getDouble(0, 0, 0, 0)).isZero();
        INDArray flat = Nd4j.zeros(DataType.DOUBLE, 1, 1, 17, 17).addi(0.3);
        assertThat(TestTimeAugmentation.boxBlur(flat, 10).sub(0.3).amaxNumber().doubleValue()).isLessThan(1e-12);
        assertThat(TestTimeAugmentation.copies(x, new SplittableRandom(1))).hasSize(TestTimeAugmentation.COPIES);
    }

    @Test
    void qcScoresATrainedMultiLabelRunAndRefusesAOneLogitRun(@TempDir Path dir) throws Exception {
        TrainingRun.Outcome o = new TrainingRun(TinyRuns.config(3, "train.ui=false", "data.synthetic.multiLabel=true",
                "data.synthetic.pathologies=[tumor,ms]"), dir, "multi", null,
                new java.io.PrintStream(java.io.PrintStream.nullOutputStream())).execute();
        Path run = o.folder().dir();
        assertThat(Main.run("qc", "--run", run.toString(), "--resamples", "5")).isZero();
        Path out = run.resolve("qc");
        CsvTable csv = CsvTable.read(out.resolve(QcJob.CSV));
        assertThat(csv.header()).containsExactly("method", "class", "test_f1", "flag_threshold");
        assertThat(csv.rows()).extracting(r -> r.get(0) + "/" + r.get(1)).containsExactly("no qc/tumor", "no qc/ms",
                "no qc/mean", "informer (ixg)/tumor", "informer (ixg)/ms", "informer (ixg)/mean", "entropy/tumor",
                "entropy/ms", "entropy/mean", "tta variance/tumor", "tta variance/ms", "tta variance/mean");
        assertThat(CsvTable.read(out.resolve(QcJob.BOOTSTRAP)).rows()).hasSize(4 * 5);
        assertThat(out.resolve(QcJob.PLOT)).isNotEmptyFile();
        assertThat(Files.readString(out.resolve(QcJob.TABLE))).contains("| informer (ixg) |", "paired t");
        assertThat(Files.readString(out.resolve(QcJob.REPORT))).contains("INFORMER");
        assertThat(Main.run("qc", "--run", TinyRuns.untrainedRun(dir.resolve("one")).toString())).isEqualTo(2);
        assertThat(Main.run("qc", "--run", run.toString(), "--method", "lime")).isEqualTo(2);
    }
}
