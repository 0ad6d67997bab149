package org.xai4j.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.xai4j.data.LabelTask;

class ClassificationReportTest {
    @Test
    void multiLabelJudgesEachLabelAndSkipsUndefinedAucInMacroMean() {
        double[][] scores = {{0.1, 0.6}, {0.4, 0.2}, {0.35, 0.1}, {0.8, 0.3}};
        int[][] labels = {{0, 0}, {0, 0}, {1, 0}, {1, 0}};
        ClassificationReport r = ClassificationReport.of(LabelTask.MULTI_LABEL, List.of("tumor", "ms"), scores,
                labels);
        ClassMetrics tumor = r.perClass().get(0);
        assertThat(tumor.auc()).isEqualTo(0.75);
        assertThat(tumor.threshold()).isEqualTo(0.8); // Youden
        assertThat(tumor.atThreshold()).isEqualTo(new BinaryMetrics(0.8, 1, 0, 2, 1));
        assertThat(tumor.f1()).isCloseTo(2.0 / 3, within(1e-15));
        ClassMetrics ms = r.perClass().get(1); // no positives: AUC undefined, counts at 0.5
        assertThat(ms.auc()).isNaN();
        assertThat(ms.threshold()).isEqualTo(ClassificationReport.FALLBACK_THRESHOLD);
        assertThat(ms.atThreshold()).isEqualTo(new BinaryMetrics(0.5, 0, 1, 3, 0));
        assertThat(ms.positives()).isZero();
        assertThat(r.macroAuc()).isEqualTo(0.75);
        assertThat(r.macroAccuracy()).isEqualTo(0.75);
        assertThat(r.macroF1()).isCloseTo(1.0 / 3, within(1e-15));
        assertThat(r.top1Accuracy()).isNaN();
    }

    @Test
    void multiClassIsOneVsRestPlusTop1() {
        double[][] scores = {{0.7, 0.2, 0.1}, {0.2, 0.5, 0.3}, {0.3, 0.3, 0.4}, {0.1, 0.2, 0.7}};
        int[][] labels = {{1, 0, 0}, {0, 1, 0}, {0, 1, 0}, {0, 0, 1}};
        ClassificationReport r = ClassificationReport.of(LabelTask.MULTI_CLASS, List.of("a", "b", "c"), scores,
                labels);
        assertThat(r.top1Accuracy()).isEqualTo(0.75); // row 2 has its highest score on class c
        assertThat(r.perClass()).extracting(ClassMetrics::auc).containsExactly(1.0, 1.0, 1.0);
        assertThat(r.perClass()).extracting(ClassMetrics::threshold).containsExactly(0.7, 0.3, 0.7);
        assertThat(r.macroAccuracy()).isEqualTo(1.0);
    }

    @Test
    void binaryHasOneOutput() {
        ClassificationReport r = ClassificationReport.of(LabelTask.BINARY, List.of("sick"),
                new double[][] {{0.2}, {0.9}}, new int[][] {{0}, {1}});
        assertThat(r.macroAuc()).isEqualTo(1.0);
        assertThatThrownBy(() -> ClassificationReport.of(LabelTask.BINARY, List.of("a", "b"),
                new double[][] {{0.2, 0.8}}, new int[][] {{0, 1}}))
                .hasMessage("a binary task has one output, got 2 names");
    }

    @Test
    void refusesMalformedLabels() {
        assertThatThrownBy(() -> ClassificationReport.of(LabelTask.MULTI_CLASS, List.of("a", "b"),
                new double[][] {{0.2, 0.8}}, new int[][] {{1, 1}}))
                .hasMessage("labels[0] must hold exactly one 1 for a multi-class task, got 2");
        assertThatThrownBy(() -> ClassificationReport.of(LabelTask.MULTI_LABEL, List.of("a", "b"),
                new double[][] {{0.2, Double.NaN}}, new int[][] {{1, 1}}))
                .hasMessage("scores[0][1] is NaN");
    }

    /** U-Ignore: an unknown multi-label entry is left out of its class's metrics, as if the row were not there. */
    @Test
    void unknownMultiLabelEntriesAreLeftOutOfTheirClass() {
        double[][] scores = {{0.9, 0.2}, {0.1, 0.8}, {0.7, 0.6}, {0.3, 0.1}};
        int[][] labels = {{1, ClassificationReport.UNKNOWN}, {0, 1}, {ClassificationReport.UNKNOWN, 0}, {0, 0}};
        ClassificationReport r = ClassificationReport.of(LabelTask.MULTI_LABEL, List.of("a", "b"), scores, labels);
        ClassificationReport a = ClassificationReport.of(LabelTask.BINARY, List.of("a"),
                new double[][] {{0.9}, {0.1}, {0.3}}, new int[][] {{1}, {0}, {0}});
        ClassificationReport b = ClassificationReport.of(LabelTask.BINARY, List.of("b"),
                new double[][] {{0.8}, {0.6}, {0.1}}, new int[][] {{1}, {0}, {0}});
        assertThat(r.perClass().get(0).auc()).isEqualTo(a.perClass().get(0).auc());
        assertThat(r.perClass().get(1).auc()).isEqualTo(b.perClass().get(0).auc());
        assertThat(r.perClass().get(1).f1()).isEqualTo(b.perClass().get(0).f1());
        assertThatThrownBy(() -> ClassificationReport.of(LabelTask.BINARY, List.of("a"), new double[][] {{0.5}},
                new int[][] {{ClassificationReport.UNKNOWN}})).hasMessageContaining("must be 0 or 1");
    }
}
