package org.xai4j.segmentation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.xai4j.metrics.Dice;

/** Fixed, percentile, Otsu and best-Dice thresholds against hand and brute-force computations. */
class ThresholdRuleTest {
    @Test
    void otsuOnASmallBimodalHistogramByHand() {
        // sorted 1 1 2 | 8 9 9, mean 5. Between-class variance w0 w1 (mu0 - mu1)^2 of each cut:
        // after 1,1: 1/3*2/3*(1-7)^2 = 8; after 2: 1/2*1/2*(4/3-26/3)^2 = 13.44; after 8: 2/3*1/3*(3-9)^2 = 8
        assertThat(OtsuThreshold.of(new float[] {9, 1, 8, 2, 9, 1})).isEqualTo(2.0);
        // no cut: nothing is above the largest value
        assertThat(OtsuThreshold.of(new float[] {3, 3, 3})).isEqualTo(3.0);
        assertThat(OtsuThreshold.of(new float[0])).isNaN();
    }

    @Test
    void otsuEqualsABruteForceMinimumOfTheWithinClassVariance() {
        Random r = new Random(3);
        float[] v = new float[600];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (i < 400 ? 0.3 + 0.05 * r.nextGaussian() : 0.75 + 0.08 * r.nextGaussian());
        }
        double bestT = Double.NaN;
        double bestWithin = Double.MAX_VALUE;
        for (float t : v) {
            double[] lo = moments(v, t, false);
            double[] hi = moments(v, t, true);
            if (lo[0] == 0 || hi[0] == 0) {
                continue;
            }
            double within = lo[0] * lo[2] + hi[0] * hi[2]; // sum of w * variance, w in counts
            if (within < bestWithin - 1e-9 || (Math.abs(within - bestWithin) <= 1e-9 && t < bestT)) {
                bestWithin = within;
                bestT = t;
            }
        }
        double otsu = OtsuThreshold.of(v);
        assertThat(otsu).isEqualTo(bestT);
        assertThat(otsu).isBetween(0.4, 0.65);
        assertThat(new OtsuThreshold().threshold(v)).isEqualTo(otsu);
    }

    /** {count, mean, variance} of the values {@code > t} (upper) or {@code <= t}. */
    private static double[] moments(float[] v, double t, boolean upper) {
        double n = 0;
        double s = 0;
        for (float x : v) {
            if ((x > t) == upper) {
                n++;
                s += x;
            }
        }
        double mean = n == 0 ? 0 : s / n;
        double var = 0;
        for (float x : v) {
            if ((x > t) == upper) {
                var += (x - mean) * (x - mean);
            }
        }
        return new double[] {n, mean, n == 0 ? 0 : var / n};
    }

    @Test
    void percentileInterpolatesLinearlyAndKeepsTheTopShare() {
        float[] v = new float[100];
        for (int i = 0; i < 100; i++) {
            v[i] = 100 - i; // 100 .. 1, unsorted order on purpose
        }
        // position 0.99 * 99 = 98.01 between 99 and 100
        assertThat(PercentileThreshold.of(v, 99)).isCloseTo(99.01, within(1e-6));
        assertThat(PercentileThreshold.of(new float[] {4, 1, 3, 2}, 50)).isEqualTo(2.5);
        assertThat(new PercentileThreshold(25).threshold(new float[] {10, 0, 20, 30, 40})).isEqualTo(10.0);
        assertThat(v[0]).as("input not sorted in place").isEqualTo(100f);
        ProcessedMap m = Maps.map("p", 10, 10, v, new float[100], null);
        float[] predicted = m.predict(new PercentileThreshold(99).threshold(m.regionValues()));
        assertThat(count(predicted)).isEqualTo(1);
        assertThat(predicted[0]).isEqualTo(1f);
    }

    @Test
    void fixedThresholdIsStrict() {
        ProcessedMap m = Maps.map("f", 1, 4, new float[] {0.1f, 0.5f, 0.50001f, 0.9f}, new float[4], null);
        double t = ThresholdRule.parse("fixed:0.5").threshold(m.regionValues());
        assertThat(t).isEqualTo(0.5);
        assertThat(m.predict(t)).containsExactly(0f, 0f, 1f, 1f);
    }

    @Test
    void parseReadsEveryRuleAndNamesTheProblem() {
        assertThat(ThresholdRule.parse("otsu")).isInstanceOf(OtsuThreshold.class);
        assertThat(ThresholdRule.parse(" Percentile:99 ")).isEqualTo(new PercentileThreshold(99));
        assertThat(ThresholdRule.parse("fixed:0.1")).isEqualTo(new FixedThreshold(0.1));
        assertThat(ThresholdRule.parse("best-dice").needsFitting()).isTrue();
        assertThat(ThresholdRule.parse("fixed:0.1").spec()).isEqualTo("fixed:0.1");
        assertThat(ThresholdRule.parse("percentile:99.5").spec()).isEqualTo("percentile:99.5");
        for (String bad : new String[] {"mean", "percentile", "percentile:100", "percentile:0", "fixed:abc",
            "fixed:NaN", "otsu:3", "best-dice:1", ""}) {
            assertThatThrownBy(() -> ThresholdRule.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("threshold:");
        }
        assertThatThrownBy(() -> ThresholdRule.parse("mean")).hasMessageContaining("otsu")
                .hasMessageContaining("best-dice");
        assertThatThrownBy(() -> BestDiceThreshold.unfitted().threshold(new float[1]))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void bestDiceChoosesTheThresholdThatSeparatesLesionFromBackground() {
        // lesion pixels 0.8 and 0.9, background up to 0.5: any threshold in [0.5, 0.8) is perfect, 0.5 is the smallest
        ProcessedMap a = Maps.map("a", 2, 3, new float[] {0.1f, 0.9f, 0.5f, 0.8f, 0.3f, 0.2f},
                new float[] {0, 1, 0, 1, 0, 0}, null);
        BestDiceThreshold fitted = BestDiceThreshold.unfitted().fit(List.of(a));
        assertThat(fitted.value()).isEqualTo(0.5f);
        assertThat(fitted.validationDice()).isEqualTo(1.0);
        assertThat(fitted.needsFitting()).isFalse();
        assertThat(fitted.threshold(new float[0])).isEqualTo(0.5f);
        assertThatThrownBy(() -> BestDiceThreshold.unfitted().fit(List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("validation");
    }

    @Test
    void bestDiceEqualsABruteForceSearchOnTinyData() {
        Random r = new Random(11);
        List<ProcessedMap> maps = new ArrayList<>();
        for (int m = 0; m < 4; m++) {
            float[] values = new float[25];
            float[] truth = new float[25];
            float[] region = new float[25];
            for (int i = 0; i < 25; i++) {
                truth[i] = r.nextDouble() < 0.25 ? 1f : 0f;
                // lesion pixels tend to be higher; values on a 0.01 grid so a 0.001 grid of thresholds sees every mask
                values[i] = Math.round(100 * (0.4 * r.nextDouble() + (truth[i] > 0 ? 0.35 : 0))) / 100f;
                region[i] = i % 7 == 0 ? 0f : 1f;
            }
            maps.add(Maps.map("m" + m, 5, 5, values, truth, region));
        }
        double bruteBest = -1;
        for (int k = -10; k <= 1000; k++) {
            double t = k / 1000.0 - 0.0005;
            double sum = 0;
            for (ProcessedMap m : maps) {
                sum += Dice.of(m.predict(t), m.truth());
            }
            bruteBest = Math.max(bruteBest, sum / maps.size());
        }
        BestDiceThreshold fitted = BestDiceThreshold.unfitted().fit(maps);
        double sum = 0;
        for (ProcessedMap m : maps) {
            sum += Dice.of(m.predict(fitted.value()), m.truth());
        }
        assertThat(fitted.validationDice()).isCloseTo(bruteBest, within(1e-12));
        assertThat(sum / maps.size()).isCloseTo(bruteBest, within(1e-12));
        assertThat(fitted.validationImages()).isEqualTo(4);
    }

    @Test
    void bestDiceCandidatesAreCappedByQuantilesOnLargeData() {
        float[] values = new float[10_000];
        for (int i = 0; i < values.length; i++) {
            values[i] = i / 10_000f;
        }
        double[] c = BestDiceThreshold.candidates(List.of(Maps.map("big", 100, 100, values, new float[10_000], null)));
        assertThat(c).hasSize(BestDiceThreshold.MAX_CANDIDATES);
        assertThat(c[0]).isEqualTo(0.0);
        assertThat(c[c.length - 1]).isEqualTo(values[values.length - 1]);
        for (int i = 1; i < c.length; i++) {
            assertThat(c[i]).isGreaterThan(c[i - 1]);
        }
    }

    private static int count(float[] mask) {
        int n = 0;
        for (float v : mask) {
            n += v > 0.5f ? 1 : 0;
        }
        return n;
    }
}
