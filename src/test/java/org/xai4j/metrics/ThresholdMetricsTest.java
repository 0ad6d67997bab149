package org.xai4j.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ThresholdMetricsTest {
    private static final double[] SCORES = {0.1, 0.4, 0.35, 0.8};
    private static final int[] LABELS = {0, 0, 1, 1};

    @Test
    void youdenPicksTheBestThresholdAndBreaksTiesUpwards() {
        // J: 0.8 -> 0.5, 0.4 -> 0, 0.35 -> 0.5, 0.1 -> 0; the tie goes to the higher threshold
        Youden y = Youden.of(SCORES, LABELS);
        assertThat(y).isEqualTo(new Youden(0.8, 0.5, 0.5, 1.0));
        assertThat(Youden.of(new double[] {0.2, 0.3, 0.6, 0.7}, LABELS)).isEqualTo(new Youden(0.6, 1, 1, 1));
    }

    @Test
    void youdenIsNaNWhenUndefined() {
        Youden y = Youden.of(new double[] {0.3, 0.4}, new int[] {0, 0});
        assertThat(y.isDefined()).isFalse();
        assertThat(y.threshold()).isNaN();
    }

    @Test
    void binaryMetricsAtAThreshold() {
        // at 0.35: called positive 0.4 (neg), 0.35 (pos), 0.8 (pos); 0.1 (neg) called negative
        BinaryMetrics m = BinaryMetrics.at(SCORES, LABELS, 0.35);
        assertThat(m).isEqualTo(new BinaryMetrics(0.35, 2, 1, 1, 0));
        assertThat(m.accuracy()).isEqualTo(0.75);
        assertThat(m.sensitivity()).isEqualTo(1.0);
        assertThat(m.specificity()).isEqualTo(0.5);
        assertThat(m.precision()).isCloseTo(2.0 / 3, within(1e-15));
        assertThat(m.f1()).isCloseTo(0.8, within(1e-15));
        assertThat(m.total()).isEqualTo(4);
    }

    @Test
    void emptyDenominatorsAreNaN() {
        BinaryMetrics none = BinaryMetrics.at(SCORES, LABELS, 0.9);
        assertThat(none.precision()).isNaN();
        assertThat(none.f1()).isEqualTo(0.0);
        BinaryMetrics noPositives = BinaryMetrics.at(new double[] {0.1}, new int[] {0}, 0.5);
        assertThat(noPositives.sensitivity()).isNaN();
        assertThat(noPositives.f1()).isNaN();
        assertThat(noPositives.specificity()).isEqualTo(1.0);
    }
}
