package org.xai4j.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

/** Test helper: exact comparison of samples (records compare arrays by reference). */
final class Samples {
    private Samples() {
    }

    static void assertSame(Sample a, Sample b) {
        assertThat(b.id()).isEqualTo(a.id());
        assertThat(b.channels()).isEqualTo(a.channels());
        assertThat(b.height()).isEqualTo(a.height());
        assertThat(b.width()).isEqualTo(a.width());
        assertThat(b.split()).isEqualTo(a.split());
        assertThat(Arrays.equals(a.pixels(), b.pixels())).as("pixels of %s", a.id()).isTrue();
        assertThat(b.labels()).containsExactly(a.labels());
        assertThat(Arrays.equals(a.lesionMask(), b.lesionMask())).as("lesion mask of %s", a.id()).isTrue();
        assertThat(b.masks().keySet()).containsExactlyInAnyOrderElementsOf(a.masks().keySet());
        for (String k : a.masks().keySet()) {
            assertThat(Arrays.equals(a.masks().get(k), b.masks().get(k))).as("mask %s of %s", k, a.id()).isTrue();
        }
        assertThat(b.boxes()).containsExactlyElementsOf(a.boxes());
    }

    static int count(float[] mask) {
        int n = 0;
        for (float v : mask) {
            if (v > 0.5f) {
                n++;
            }
        }
        return n;
    }

    /** Area under the ROC curve of {@code score} for {@code positive} (ties count one half). */
    static double auc(double[] score, boolean[] positive) {
        double num = 0;
        long pos = 0;
        long neg = 0;
        for (int i = 0; i < score.length; i++) {
            if (!positive[i]) {
                continue;
            }
            pos++;
            for (int j = 0; j < score.length; j++) {
                if (!positive[j]) {
                    num += score[i] > score[j] ? 1 : score[i] == score[j] ? 0.5 : 0;
                }
            }
        }
        for (boolean p : positive) {
            if (!p) {
                neg++;
            }
        }
        return num / (pos * neg);
    }
}
