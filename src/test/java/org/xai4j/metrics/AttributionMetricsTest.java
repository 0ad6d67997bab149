package org.xai4j.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.xai4j.data.BoundingBox;

/** Attribution metrics against values computed by hand (or by numpy/scipy, as noted) on tiny arrays. */
class AttributionMetricsTest {
    @Test
    void effectiveHeatRatioFollowsTheQuantileCurve() {
        // by hand: pixels of interest {1, 0.5, 0.2} (0.05 < base); ratios 1/3, then 1/2 (q = .1 .. .5), then 1
        EffectiveHeatRatio e = EffectiveHeatRatio.of(new float[] {1f, 0.5f, 0.05f, 0.2f}, new float[] {1, 0, 0, 0});
        double[] expected = {1.0 / 3, 0.5, 0.5, 0.5, 0.5, 0.5, 1, 1, 1, 1, 1};
        assertThat(e.ratios()).containsExactly(expected, offset(1e-7));
        assertThat(e.auc()).isCloseTo(0.1 * ((1.0 / 3 + 0.5) / 2 + 2 + 0.75 + 4), offset(1e-7));
        assertThat(EffectiveHeatRatio.of(new float[] {0.05f, 0f}, new float[] {1, 0}).auc()).isNaN();
        assertThat(EffectiveHeatRatio.of(new float[] {1f, 1f}, new float[] {0, 0}).auc()).isZero();
        assertThatThrownBy(() -> EffectiveHeatRatio.of(new float[] {2f}, new float[] {1}))
                .hasMessageContaining("[0, 1]");
        assertThat(EffectiveHeatRatio.quantile(new double[] {1, 2, 4}, 0.75)).isEqualTo(3.0);
    }

    @Test
    void pointingGameHitsWithinTheTolerance() {
        float[] map = new float[9];
        map[5] = 2f; // (y 1, x 2)
        map[7] = 2f; // tie, later: ignored
        float[] mask = new float[9];
        mask[0] = 1f; // (0, 0): distance sqrt(1 + 4)
        assertThat(PointingGame.hit(map, mask, 3, 0)).isFalse();
        assertThat(PointingGame.hit(map, mask, 3, 2)).isFalse();
        assertThat(PointingGame.hit(map, mask, 3, 3)).isTrue();
        mask[5] = 1f;
        assertThat(PointingGame.hit(map, mask, 3, 0)).isTrue();
        assertThatThrownBy(() -> PointingGame.hit(map, new float[9], 3, 1)).hasMessageContaining("empty");
    }

    @Test
    void spearmanUsesAverageRanksLikeScipy() {
        assertThat(SpearmanCorrelation.ranks(new double[] {5, 6, 7, 8, 7})).containsExactly(1, 2, 3.5, 5, 3.5);
        assertThat(SpearmanCorrelation.of(new double[] {1, 2, 3, 4, 5}, new double[] {5, 6, 7, 8, 7}))
                .isCloseTo(8 / Math.sqrt(95), offset(1e-15)); // scipy: 0.8207826816681233
        assertThat(SpearmanCorrelation.of(new double[] {3, 1, 4, 1, 5, 9, 2, 6}, new double[] {2, 7, 1, 8, 2, 8, 1, 8}))
                .isCloseTo(0.19885368120992467, offset(1e-14)); // scipy.stats.spearmanr
        assertThat(SpearmanCorrelation.of(new double[] {1, 2, 3}, new double[] {3, 2, 1})).isEqualTo(-1.0);
        assertThat(SpearmanCorrelation.of(new double[] {1, 1}, new double[] {1, 2})).isNaN();
    }

    @Test
    void ssimMatchesAUniformWindowReferenceComputedWithScipy() {
        double[] a = new double[72];
        double[] b = new double[72];
        double[] inv = new double[72];
        for (int i = 0; i < 9; i++) {
            for (int j = 0; j < 8; j++) {
                a[i * 8 + j] = ((i * 7 + j * 3) % 11) / 10.0;
                b[i * 8 + j] = ((i * 5 + j * j) % 13) / 12.0;
                inv[i * 8 + j] = 1 - a[i * 8 + j];
            }
        }
        // numpy/scipy.ndimage.uniform_filter(size=7), sample covariances, 3-pixel crop (skimage's defaults)
        assertThat(Ssim.of(a, b, 8, 1)).isCloseTo(0.19817904388724752, offset(1e-13));
        assertThat(Ssim.of(a, a, 8, 1)).isCloseTo(1.0, offset(1e-15));
        assertThat(Ssim.of(a, inv, 8, 1)).isCloseTo(-0.9901559634839164, offset(1e-13));
        assertThatThrownBy(() -> Ssim.of(new double[36], new double[36], 6, 1)).hasMessageContaining("7x7");
    }

    @Test
    void boxesFromMapsAndTheirIoU() {
        assertThat(BoxIoU.of(new BoundingBox(0, 0, 0, 2, 2), new BoundingBox(0, 1, 1, 3, 3))).isEqualTo(1.0 / 7);
        assertThat(BoxIoU.of(new BoundingBox(0, 0, 0, 2, 2), new BoundingBox(0, 2, 2, 3, 3))).isZero();
        double[] map = {
            1, 1, 0, 0, 0,
            1, 0, 0, 5, 5,
            0, 0, 0, 5, 0,
            0, 0, 0, 5, 0};
        // components at >= 1: {(0,0),(1,0),(0,1)} size 3 and {(3,1),(4,1),(3,2),(3,3)} size 4
        assertThat(ComponentBox.of(map, 5, 1, 2)).isEqualTo(new BoundingBox(2, 3, 1, 5, 4));
        assertThat(ComponentBox.of(map, 5, 6, 0)).isNull();
    }

    @Test
    void localisationChoosesTheThresholdOnValidationImagesAndCountsHits() {
        // a 6x6 map with a strong 2x2 core inside a weaker 4x4 halo; the truth is the 2x2 core
        float[] map = new float[36];
        for (int y = 1; y < 5; y++) {
            for (int x = 1; x < 5; x++) {
                map[y * 6 + x] = 0.5f;
            }
        }
        for (int y = 2; y < 4; y++) {
            for (int x = 2; x < 4; x++) {
                map[y * 6 + x] = 1f;
            }
        }
        LocalisationAccuracy.Case core = new LocalisationAccuracy.Case(map, 6, List.of(new BoundingBox(0, 2, 2, 4, 4)));
        assertThat(LocalisationAccuracy.iou(core, 200)).isEqualTo(1.0); // scaled: core 255, halo 127.5
        assertThat(LocalisationAccuracy.iou(core, 100)).isEqualTo(4.0 / 16);
        assertThat(LocalisationAccuracy.iou(core, 0)).isEqualTo(4.0 / 36);
        assertThat(LocalisationAccuracy.chooseThreshold(List.of(core), new double[] {0, 100, 200, 250}))
                .isEqualTo(200);
        LocalisationAccuracy.Case halo = new LocalisationAccuracy.Case(map, 6, List.of(new BoundingBox(0, 1, 1, 5, 5)));
        LocalisationAccuracy.Result r = LocalisationAccuracy.evaluate(List.of(core, halo), 100,
                new double[] {0.2, 0.5, 0.99});
        assertThat(r.accuracy()).containsExactly(1.0, 0.5, 0.5);
        assertThat(r.meanIoU()).isEqualTo((0.25 + 1) / 2);
        List<LocalisationAccuracy.Case> cases = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            cases.add(core);
        }
        LocalisationAccuracy.Result cv = LocalisationAccuracy.crossValidated(cases, 5, 1,
                LocalisationAccuracy.CANDIDATES, LocalisationAccuracy.IOU_THRESHOLDS);
        assertThat(cv.accuracy()).containsOnly(1.0);
        assertThat(cv.threshold()).isEqualTo(130.0); // the lowest candidate above the halo's 127.5
        assertThatThrownBy(() -> LocalisationAccuracy.crossValidated(cases.subList(0, 3), 5, 1,
                LocalisationAccuracy.CANDIDATES, LocalisationAccuracy.IOU_THRESHOLDS)).hasMessageContaining("folds");
    }
}
