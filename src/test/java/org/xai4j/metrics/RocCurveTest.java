package org.xai4j.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class RocCurveTest {
    @Test
    void handComputedCurveAndArea() {
        RocCurve roc = RocCurve.of(new double[] {0.1, 0.4, 0.35, 0.8}, new int[] {0, 0, 1, 1});
        assertThat(roc.auc()).isEqualTo(0.75);
        assertThat(roc.thresholds()).containsExactly(Double.POSITIVE_INFINITY, 0.8, 0.4, 0.35, 0.1);
        assertThat(roc.fpr()).containsExactly(0, 0, 0.5, 0.5, 1);
        assertThat(roc.tpr()).containsExactly(0, 0.5, 0.5, 1, 1);
        assertThat(roc.positives()).isEqualTo(2);
        assertThat(roc.negatives()).isEqualTo(2);
        assertThat(roc.isDefined()).isTrue();
        assertThat(roc.undefinedReason()).isNull();
    }

    @Test
    void perfectInvertedAndAllTied() {
        int[] labels = {0, 0, 1, 1};
        assertThat(RocCurve.of(new double[] {0.1, 0.2, 0.8, 0.9}, labels).auc()).isEqualTo(1.0);
        assertThat(RocCurve.of(new double[] {0.9, 0.8, 0.2, 0.1}, labels).auc()).isEqualTo(0.0);
        RocCurve tied = RocCurve.of(new double[] {0.5, 0.5, 0.5}, new int[] {0, 1, 1});
        assertThat(tied.auc()).isEqualTo(0.5);
        assertThat(tied.fpr()).containsExactly(0, 1);
        assertThat(tied.tpr()).containsExactly(0, 1);
    }

    @Test
    void tiesBetweenClassesCountOneHalf() {
        // pairs (pos, neg): (0.5, 0.2) win, (0.5, 0.5) tie, (0.9, 0.2) win, (0.9, 0.5) win -> 3.5 / 4
        assertThat(RocCurve.of(new double[] {0.2, 0.5, 0.5, 0.9}, new int[] {0, 1, 0, 1}).auc()).isEqualTo(0.875);
        assertThat(RocCurve.of(new double[] {-0.0, 0.0}, new int[] {0, 1}).auc()).isEqualTo(0.5);
    }

    @Test
    void matchesMannWhitneyOnRandomTiedScores() {
        Random random = new Random(7);
        double[] scores = new double[300];
        int[] labels = new int[300];
        for (int i = 0; i < scores.length; i++) {
            labels[i] = random.nextInt(3) == 0 ? 1 : 0;
            scores[i] = random.nextInt(6) + (labels[i] == 1 ? 1.5 * random.nextDouble() : 0);
            scores[i] = Math.floor(scores[i] * 2) / 2; // many ties
        }
        double wins = 0;
        int p = 0;
        int n = 0;
        for (int i = 0; i < scores.length; i++) {
            p += labels[i];
            n += 1 - labels[i];
            for (int j = 0; j < scores.length; j++) {
                if (labels[i] == 1 && labels[j] == 0) {
                    wins += scores[i] > scores[j] ? 1 : scores[i] == scores[j] ? 0.5 : 0;
                }
            }
        }
        assertThat(RocCurve.of(scores, labels).auc()).isCloseTo(wins / ((double) p * n), within(1e-12));
    }

    @Test
    void oneClassAbsentGivesNaNWithReason() {
        RocCurve onlyPositives = RocCurve.of(new double[] {0.1, 0.2, 0.3}, new int[] {1, 1, 1});
        assertThat(onlyPositives.auc()).isNaN();
        assertThat(onlyPositives.isDefined()).isFalse();
        assertThat(onlyPositives.undefinedReason()).isEqualTo("no negative labels (3 positives)");
        assertThat(onlyPositives.size()).isZero();
        assertThat(RocCurve.of(new double[] {0.1}, new int[] {0}).undefinedReason())
                .isEqualTo("no positive labels (1 negatives)");
        assertThat(RocCurve.of(new double[0], new int[0]).undefinedReason()).isEqualTo("no examples");
    }

    @Test
    void refusesBadInputNamingTheIndex() {
        assertThatThrownBy(() -> RocCurve.of(new double[] {0.1, 0.2, Double.NaN}, new int[] {0, 1, 1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("scores[2] is NaN");
        assertThatThrownBy(() -> RocCurve.of(new double[] {0.1, 0.2}, new int[] {0, 2}))
                .hasMessage("labels[1] must be 0 or 1, got 2");
        assertThatThrownBy(() -> RocCurve.of(new double[] {0.1}, new int[] {0, 1}))
                .hasMessage("scores and labels differ in length: 1 vs 2");
    }
}
