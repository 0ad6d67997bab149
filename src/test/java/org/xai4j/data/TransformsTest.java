package org.xai4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TransformsTest {
    private static final Sample SICK = sick();

    private static Sample sick() {
        SyntheticBrainGenerator g = Synth.of(40, 0, 0).channels(2).multiLabel().prevalence(1).generator();
        return g.sample(Split.TRAIN, 3);
    }

    @Test
    void flippingTwiceIsTheIdentityAndOnceIsNot() {
        for (boolean horizontal : new boolean[] {true, false}) {
            Sample once = Transforms.flip(SICK, horizontal);
            assertThat(Arrays.equals(once.pixels(), SICK.pixels())).isFalse();
            Samples.assertSame(SICK, Transforms.flip(once, horizontal));
        }
        Sample h = Transforms.flip(SICK, true);
        assertThat(h.pixels()[5]).isEqualTo(SICK.pixels()[63 - 5]);
        assertThat(h.pixels()[64 * 64 + 64 * 10 + 2]).isEqualTo(SICK.pixels()[64 * 64 + 64 * 10 + 61]);
    }

    @Test
    void masksAndBoxesFollowTheImage() {
        // an image that equals its own lesion mask: any geometric transform must keep them equal
        Sample s = new Sample("m", SICK.lesionMask().clone(), 1, 64, 64, SICK.labels(), SICK.lesionMask(),
                SICK.masks(), SICK.boxes(), Split.TRAIN);
        for (Sample t : List.of(Transforms.flip(s, true), Transforms.flip(s, false),
                Transforms.affine(s, 0, 1, 3, -2))) {
            assertThat(t.pixels()).containsExactly(t.lesionMask());
            assertBoxesEnclose(t);
        }
        Sample rotated = Transforms.affine(s, Math.toRadians(15), 1.1, 1.5, 0.5);
        int agree = 0;
        int lesion = 0;
        for (int i = 0; i < 64 * 64; i++) {
            if (rotated.lesionMask()[i] > 0) {
                lesion++;
                agree += rotated.pixels()[i] >= 0.5f ? 1 : 0;
            }
        }
        assertThat(lesion).isPositive();
        assertThat(agree).isGreaterThan(lesion * 8 / 10);
        assertThat(rotated.masks().get("brain")).containsOnly(0f, 1f);
        assertBoxesEnclose(rotated);
    }

    @Test
    void integerShiftMovesPixelsExactly() {
        Sample t = Transforms.affine(SICK, 0, 1, 3, 2);
        for (int c = 0; c < 2; c++) {
            for (int y = 2; y < 64; y++) {
                for (int x = 3; x < 64; x++) {
                    assertThat(t.pixels()[c * 4096 + y * 64 + x]).isEqualTo(SICK.pixels()[c * 4096 + (y - 2) * 64 + x - 3]);
                }
            }
        }
        assertThat(t.pixels()[0]).isZero();
        assertThat(t.boxes().get(0).x0()).isEqualTo(Math.min(64, SICK.boxes().get(0).x0() + 3));
    }

    @Test
    void zscoreGivesZeroMeanUnitStdPerChannelAndFixedUsesTheGivenValues() {
        Transforms z = new Transforms(new TransformOptions("zscore", null, null, null, null, null, null, null, null,
                null, null));
        Sample n = z.normalise(SICK);
        for (int c = 0; c < 2; c++) {
            double sum = 0;
            double sq = 0;
            for (int i = c * 4096; i < (c + 1) * 4096; i++) {
                sum += n.pixels()[i];
                sq += n.pixels()[i] * n.pixels()[i];
            }
            assertThat(sum / 4096).isCloseTo(0, org.assertj.core.data.Offset.offset(1e-5));
            assertThat(sq / 4096).isCloseTo(1, org.assertj.core.data.Offset.offset(1e-4));
        }
        assertThat(n.lesionMask()).isSameAs(SICK.lesionMask());
        Transforms fixed = new Transforms(new TransformOptions("fixed", List.of(0.5, 0.25), List.of(2.0, 0.5), null,
                null, null, null, null, null, null, null));
        Sample f = fixed.normalise(SICK);
        assertThat(f.pixels()[100]).isEqualTo((float) ((SICK.pixels()[100] - 0.5) / 2.0));
        assertThat(f.pixels()[4096 + 100]).isEqualTo((float) ((SICK.pixels()[4096 + 100] - 0.25) / 0.5));
        Transforms none = new Transforms(TransformOptions.defaults());
        assertThat(none.normalise(SICK)).isSameAs(SICK);
        assertThat(TransformOptions.defaults().augments()).isFalse();
    }

    @Test
    void augmentationIsSeededAndChangesTheImage() {
        TransformOptions o = new TransformOptions(null, null, null, 0.5, 0.5, 10.0, 0.9, 1.1, 2.0, 0.05, 0.1);
        Transforms t = new Transforms(o);
        Sample a = t.augment(SICK, new Random(5));
        Sample b = t.augment(SICK, new Random(5));
        Samples.assertSame(a, b);
        assertThat(Arrays.equals(a.pixels(), SICK.pixels())).isFalse();
        assertThat(Arrays.equals(a.masks().get("brain"), SICK.masks().get("brain"))).isFalse();
        assertThat(a.labels()).isSameAs(SICK.labels());
        assertThatThrownBy(() -> new TransformOptions("minmax", null, null, null, null, null, null, null, null, null,
                null)).hasMessage("normalisation: unknown 'minmax' (allowed: none, zscore, fixed)");
        assertThatThrownBy(() -> new TransformOptions(null, null, null, 1.5, null, null, null, null, null, null,
                null)).hasMessageStartingWith("flipHorizontal:");
        assertThatThrownBy(() -> new TransformOptions(null, null, null, null, null, null, 1.2, 1.1, null, null,
                null)).hasMessageStartingWith("scaleMax:");
    }

    private static void assertBoxesEnclose(Sample t) {
        assertThat(t.boxes()).isNotEmpty();
        for (int i = 0; i < 64 * 64; i++) {
            int x = i % 64;
            int y = i / 64;
            if (t.lesionMask()[i] > 0) {
                assertThat(t.boxes()).as("pixel %d,%d", x, y)
                        .anyMatch(b -> b.x0() <= x && x < b.x1() && b.y0() <= y && y < b.y1());
            }
        }
    }
}
