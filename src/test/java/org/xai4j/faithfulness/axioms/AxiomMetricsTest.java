package org.xai4j.faithfulness.axioms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The four axiom scores against values computed by hand. */
class AxiomMetricsTest {
    /** 4 x 4 map: 1 everywhere, 3 in the top-left 2 x 2, 2 in the bottom-right 2 x 2. */
    private static double[][] map() {
        double[][] m = new double[4][4];
        for (double[] row : m) {
            java.util.Arrays.fill(row, 1);
        }
        m[0][0] = m[0][1] = m[1][0] = m[1][1] = 3;
        m[2][2] = m[2][3] = m[3][2] = m[3][3] = 2;
        return m;
    }

    private static final PatchPosition TOP_LEFT = new PatchPosition(0, 0, 2);
    private static final PatchPosition BOTTOM_RIGHT = new PatchPosition(2, 2, 2);

    @Test
    void nullRatioIsTheNullPatchsMassOverTheDriversMass() {
        assertThat(AxiomMetrics.nullRatio(map(), BOTTOM_RIGHT, TOP_LEFT)).isCloseTo(8.0 / 12.0, within(1e-12));
        assertThat(AxiomMetrics.nullRatio(new double[4][4], BOTTOM_RIGHT, TOP_LEFT)).isNaN();
    }

    @Test
    void overlapIsOneForEqualMapsZeroForSeparateMapsAndByHandOtherwise() {
        assertThat(AxiomMetrics.overlap(map(), map(), TOP_LEFT, BOTTOM_RIGHT)).isCloseTo(1.0, within(1e-12));
        double[][] onlyA = new double[4][4];
        double[][] onlyB = new double[4][4];
        onlyA[0][0] = 5;
        onlyB[3][3] = 7;
        assertThat(AxiomMetrics.overlap(onlyA, onlyB, TOP_LEFT, BOTTOM_RIGHT)).isZero();
        // h1 = map (A: 12), h2 = 1 everywhere (B: 4); shared: A sum min(3, 1) = 4, B sum min(2, 1) = 4
        double[][] ones = new double[4][4];
        for (double[] row : ones) {
            java.util.Arrays.fill(row, 1);
        }
        assertThat(AxiomMetrics.overlap(map(), ones, TOP_LEFT, BOTTOM_RIGHT)).isCloseTo(8.0 / 16.0, within(1e-12));
    }

    @Test
    void patchContrastIsInsideMeanOverOutsideMean() {
        // inside 3, outside (4 x 2 + 8 x 1) / 12 = 16 / 12
        assertThat(AxiomMetrics.patchContrast(map(), TOP_LEFT))
                .isCloseTo((3 + AxiomMetrics.EPS) / (16.0 / 12 + AxiomMetrics.EPS), within(1e-12));
    }

    @Test
    void spearmanRanks() {
        assertThat(AxiomMetrics.spearman(new double[] {1, 2, 3, 4}, new double[] {10, 20, 30, 1000}))
                .isCloseTo(1.0, within(1e-12));
        assertThat(AxiomMetrics.spearman(new double[] {1, 2, 3}, new double[] {3, 2, 1})).isCloseTo(-1, within(1e-12));
        assertThat(AxiomMetrics.spearman(new double[] {1, 2}, new double[] {1, 2})).isNaN();
    }
}
