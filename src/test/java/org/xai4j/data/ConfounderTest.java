package org.xai4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ConfounderTest {
    private static final int N = 300;

    @ParameterizedTest
    @ValueSource(strings = {"intensity", "noise", "marker"})
    void confounderIsVisibleCorrelatedInTrainAndIndependentInTest(String type) {
        SyntheticBrainGenerator g = Synth.of(N, 0, N).confounder(type, 0.9).generator();
        double[] phi = new double[2];
        int k = 0;
        for (Split split : new Split[] {Split.TRAIN, Split.TEST}) {
            boolean[] label = new boolean[N];
            boolean[] seen = new boolean[N];
            int agree = 0;
            for (int i = 0; i < N; i++) {
                Sample s = g.sample(split, i);
                label[i] = s.isPathological();
                seen[i] = detect(type, s);
                agree += seen[i] == g.confounderPresent(split, i) ? 1 : 0;
                assertThat(s.masks().containsKey("marker")).isEqualTo(type.equals("marker"));
            }
            assertThat(agree).as("%s confounder is detectable from the pixels", type).isGreaterThan(N * 97 / 100);
            phi[k++] = phi(label, seen);
        }
        // rate 0.9: P(c | sick) = 0.9, P(c | healthy) = 0.1 -> phi = 0.8 in train; 0 in test
        assertThat(phi[0]).as("train correlation").isGreaterThan(0.65);
        assertThat(Math.abs(phi[1])).as("test correlation").isLessThan(0.15);
    }

    @Test
    void noConfounderByDefaultAndRateHalfMeansNoCorrelation() {
        SyntheticBrainGenerator none = Synth.of(50, 0, 0).generator();
        SyntheticBrainGenerator half = Synth.of(N, 0, 0).confounder("marker", 0.5).generator();
        boolean[] label = new boolean[N];
        boolean[] on = new boolean[N];
        for (int i = 0; i < N; i++) {
            if (i < 50) {
                assertThat(none.confounderPresent(Split.TRAIN, i)).isFalse();
            }
            boolean[] f = half.findings(Split.TRAIN, i);
            label[i] = f[0] || f[1];
            on[i] = half.confounderPresent(Split.TRAIN, i);
        }
        assertThat(Math.abs(phi(label, on))).isLessThan(0.15);
        assertThat(none.sample(Split.TRAIN, 0).masks()).doesNotContainKey("marker");
    }

    @Test
    void optionsNameTheFieldAndTheAllowedValues() {
        assertThatThrownBy(() -> new ConfounderOptions("foo", null))
                .hasMessage("confounder.type: unknown 'foo' (allowed: none, intensity, noise, marker)");
        assertThatThrownBy(() -> new ConfounderOptions(null, 1.5)).hasMessageStartingWith("confounder.rate:");
        assertThatThrownBy(() -> Synth.of(1, 0, 0).prevalence(1.5).options())
                .hasMessage("prevalence: must be in [0, 1], got 1.5");
        assertThatThrownBy(() -> Synth.of(1, 0, 0).pathologies("flu").options())
                .hasMessage("pathologies: unknown 'flu' (allowed: tumor, ms, haemorrhage, enlarged_ventricles, atrophy)");
        assertThatThrownBy(() -> Synth.of(1, 0, 0).size(16).options()).hasMessageStartingWith("size:");
        assertThatThrownBy(() -> Synth.of(1, 0, 0).channels(3).options()).hasMessageStartingWith("channels:");
        SyntheticOptions d = SyntheticOptions.defaults();
        assertThat(d.size()).isEqualTo(64);
        assertThat(d.train() + d.val() + d.test()).isEqualTo(1600);
        assertThat(d.confounder().type()).isEqualTo("none");
    }

    /** Reads the confounder off the image: marker pixels, or the background corner's level or spread. */
    private static boolean detect(String type, Sample s) {
        int w = s.width();
        if (type.equals("marker")) {
            for (int i : MriRenderer.markerPixels(w)) {
                if (s.pixels()[i] != 1f) {
                    return false;
                }
            }
            return true;
        }
        double sum = 0;
        double sq = 0;
        int n = 0;
        for (int y = w - 8; y < w; y++) {
            for (int x = w - 8; x < w; x++) {
                double v = s.pixels()[y * w + x];
                sum += v;
                sq += v * v;
                n++;
            }
        }
        double mean = sum / n;
        double sd = Math.sqrt(sq / n - mean * mean);
        return type.equals("intensity") ? mean > 0.04 : sd > 0.022;
    }

    private static double phi(boolean[] a, boolean[] b) {
        double n11 = 0;
        double n10 = 0;
        double n01 = 0;
        double n00 = 0;
        for (int i = 0; i < a.length; i++) {
            if (a[i] && b[i]) {
                n11++;
            } else if (a[i]) {
                n10++;
            } else if (b[i]) {
                n01++;
            } else {
                n00++;
            }
        }
        return (n11 * n00 - n10 * n01) / Math.sqrt((n11 + n10) * (n01 + n00) * (n11 + n01) * (n10 + n00));
    }
}
