package org.xai4j.segmentation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.xai4j.data.Sample;

/** Positive part, Gaussian smoothing, brain-mask restriction and normalisation, by hand. */
class MapProcessingTest {
    private static final SegmentationOptions PLAIN = new SegmentationOptions(0, "brain", Normalisation.NONE,
            new OtsuThreshold());

    @Test
    void positivePartDropsNegativeEvidence() {
        assertThat(MapProcessing.positivePart(new float[] {-2f, 0f, 0.5f, -0f})).containsExactly(0f, 0f, 0.5f, 0f);
    }

    @Test
    void gaussianKernelAndSmoothedDeltaByHand() {
        // sigma 1: radius 3, Z = 1 + 2 (e^-1/2 + e^-2 + e^-9/2) = 2.5059498790
        double[] k = GaussianSmoothing.kernel(1.0);
        assertThat(k).hasSize(7);
        assertThat(k[3]).isCloseTo(1 / 2.5059498790, within(1e-9));
        assertThat(k[4]).isCloseTo(0.6065306597 / 2.5059498790, within(1e-9));
        float[] delta = new float[81];
        delta[4 * 9 + 4] = 1f;
        float[] s = GaussianSmoothing.apply(delta, 9, 9, 1.0);
        assertThat((double) s[4 * 9 + 4]).isCloseTo(0.1592411, within(1e-6)); // (1/Z)^2
        assertThat((double) s[4 * 9 + 5]).isCloseTo(0.0965846, within(1e-6)); // e^-1/2 / Z^2
        assertThat((double) s[3 * 9 + 5]).isCloseTo(0.0585815, within(1e-6)); // e^-1 / Z^2
        double sum = 0;
        for (float v : s) {
            sum += v;
        }
        assertThat(sum).isCloseTo(1.0, within(1e-6));
        assertThat(delta[4 * 9 + 4]).as("input untouched").isEqualTo(1f);
    }

    @Test
    void smoothingKeepsAConstantMapConstantUpToTheBorder() {
        float[] c = new float[5 * 6];
        java.util.Arrays.fill(c, 0.25f);
        for (float v : GaussianSmoothing.apply(c, 5, 6, 2.0)) {
            assertThat((double) v).isCloseTo(0.25, within(1e-6));
        }
        assertThat(GaussianSmoothing.apply(c, 5, 6, 0)).containsExactly(c);
        assertThatThrownBy(() -> GaussianSmoothing.kernel(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("sigma");
    }

    @Test
    void processingRestrictsToTheBrainMask() {
        float[] raw = {0.9f, -0.4f, 0.2f, 0.6f};
        float[] brain = {0f, 1f, 1f, 1f};
        Sample s = Maps.sample("s", 2, 2, new float[4], new float[] {1, 0, 0, 1}, brain);
        ProcessedMap m = MapProcessing.process(s, raw, PLAIN);
        assertThat(m.processed()).containsExactly(0f, 0f, 0.2f, 0.6f);
        assertThat(m.region()).containsExactly(brain);
        assertThat(m.raw()).containsExactly(raw);
        assertThat(m.regionValues()).containsExactly(0f, 0.2f, 0.6f);
        // the brightest pixel lies outside the brain: never predicted, whatever the threshold
        assertThat(m.predict(0.1)).containsExactly(0f, 0f, 1f, 1f);
        assertThat(m.predict(-1)).containsExactly(0f, 1f, 1f, 1f);
    }

    @Test
    void withoutABrainMaskTheWholeImageIsTheRegion() {
        float[] raw = {0.9f, -0.4f, 0.2f, 0.6f};
        Sample noMask = Maps.sample("n", 2, 2, new float[4], new float[4], null);
        assertThat(MapProcessing.process(noMask, raw, PLAIN).region()).containsExactly(1f, 1f, 1f, 1f);
        Sample withMask = Maps.sample("w", 2, 2, new float[4], new float[4], new float[] {0, 0, 1, 1});
        assertThat(MapProcessing.process(withMask, raw, PLAIN.withRegionMask(null)).processed())
                .containsExactly(0.9f, 0f, 0.2f, 0.6f);
    }

    @Test
    void intensityRegionIsThePixelsBrighterThanItsThreshold() {
        float[] raw = {0.9f, -0.4f, 0.2f, 0.6f};
        Sample s = Maps.sample("i", 2, 2, new float[] {0.01f, 0.5f, 0.03f, 0.02f}, new float[4], new float[4]);
        SegmentationOptions proxy = PLAIN.withRegionMask("intensity>0.02");
        assertThat(MapProcessing.process(s, raw, proxy).region()).containsExactly(0f, 1f, 1f, 0f);
        assertThat(MapProcessing.process(s, raw, proxy).processed()).containsExactly(0f, 0f, 0.2f, 0f);
        assertThatThrownBy(() -> PLAIN.withRegionMask("intensity>bright")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("intensity>0.02");
    }

    @Test
    void maxNormalisationUsesTheLargestValueInsideTheRegion() {
        float[] raw = {5f, 0.5f, 0.25f, -1f};
        Sample s = Maps.sample("s", 2, 2, new float[4], new float[4], new float[] {0, 1, 1, 1});
        ProcessedMap m = MapProcessing.process(s, raw, PLAIN.withNormalise(Normalisation.MAX));
        assertThat(m.processed()).containsExactly(0f, 1f, 0.5f, 0f);
        float[] negative = {-1f, -2f, -3f, -4f};
        assertThat(MapProcessing.process(s, negative, PLAIN.withNormalise(Normalisation.MAX)).processed())
                .containsExactly(0f, 0f, 0f, 0f);
        assertThat(Normalisation.parse("MAX")).isEqualTo(Normalisation.MAX);
        assertThatThrownBy(() -> Normalisation.parse("z")).hasMessageStartingWith("normalise:");
    }

    @Test
    void positivePartComesBeforeSmoothingAndSmoothingBeforeTheMask() {
        // 1 x 3 image: a strong negative value next to a positive one must not cancel it
        float[] raw = {-10f, 1f, 0f};
        Sample s = Maps.sample("s", 1, 3, new float[3], new float[3], new float[] {1, 1, 0});
        ProcessedMap m = MapProcessing.process(s, raw, PLAIN.withSigma(1.0));
        float[] expected = GaussianSmoothing.apply(new float[] {0f, 1f, 0f}, 1, 3, 1.0);
        assertThat(m.processed()[0]).isEqualTo(expected[0]).isGreaterThan(0f);
        assertThat(m.processed()[1]).isEqualTo(expected[1]);
        assertThat(m.processed()[2]).as("outside the brain after smoothing").isEqualTo(0f);
    }

    @Test
    void samplesWithoutLesionMaskOrWrongMapSizeAreRefused() {
        Sample s = Maps.sample("s", 2, 2, new float[4], new float[4], null);
        assertThatThrownBy(() -> MapProcessing.process(s, new float[3], PLAIN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("s");
        Sample noTruth = new Sample("t", new float[4], 1, 2, 2, new float[] {1}, null, null, null,
                org.xai4j.data.Split.TEST);
        assertThatThrownBy(() -> MapProcessing.process(noTruth, new float[4], PLAIN))
                .hasMessageContaining("lesion mask");
    }
}
