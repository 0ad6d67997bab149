package org.xai4j.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SyntheticBrainGeneratorTest {
    private static final List<String> TISSUES = List.of("grey_matter", "white_matter", "ventricles");

    @Test
    void sameSeedGivesIdenticalSamplesAndSubsetsMatchFullRuns() {
        SampleSet a = Synth.of(6, 2, 3).multiLabel().load();
        SampleSet b = Synth.of(6, 2, 3).multiLabel().load();
        assertThat(b.samples()).hasSize(11);
        for (int i = 0; i < a.samples().size(); i++) {
            Samples.assertSame(a.samples().get(i), b.samples().get(i));
        }
        // sample TEST/2 does not depend on how many samples the other splits have
        Sample alone = Synth.of(0, 0, 3).multiLabel().generator().sample(Split.TEST, 2);
        Samples.assertSame(a.split(Split.TEST).get(2), alone);
    }

    @Test
    void differentSeedsOrIndicesGiveDifferentImages() {
        Sample a = Synth.of(1, 0, 0).seed(1).generator().sample(Split.TRAIN, 0);
        Sample b = Synth.of(1, 0, 0).seed(2).generator().sample(Split.TRAIN, 0);
        Sample c = Synth.of(1, 0, 0).seed(1).generator().sample(Split.TRAIN, 1);
        Sample d = Synth.of(1, 0, 0).seed(1).generator().sample(Split.TEST, 0);
        assertThat(Arrays.equals(a.pixels(), b.pixels())).isFalse();
        assertThat(Arrays.equals(a.pixels(), c.pixels())).isFalse();
        assertThat(Arrays.equals(a.pixels(), d.pixels())).isFalse();
        assertThat(Arrays.equals(a.masks().get("brain"), b.masks().get("brain"))).isFalse();
    }

    @Test
    void labelsMasksAndBoxesAreConsistent() {
        SampleSet set = Synth.of(150, 0, 0).multiLabel().prevalence(0.6).load();
        assertThat(set.labelNames()).containsExactly("tumor", "ms");
        assertThat(set.task()).isEqualTo(LabelTask.MULTI_LABEL);
        int n = 64 * 64;
        int withBoth = 0;
        for (Sample s : set.samples()) {
            assertThat(s.masks()).containsKeys("brain", "grey_matter", "white_matter", "ventricles", "skull",
                    "tumor", "ms");
            float[] brain = s.masks().get("brain");
            float[] skull = s.masks().get("skull");
            float[] tumor = s.masks().get("tumor");
            float[] ms = s.masks().get("ms");
            // positive iff the finding's mask is non-empty
            assertThat(s.labels()[0] == 1f).as(s.id()).isEqualTo(Samples.count(tumor) > 0);
            assertThat(s.labels()[1] == 1f).as(s.id()).isEqualTo(Samples.count(ms) > 0);
            withBoth += s.labels()[0] == 1f && s.labels()[1] == 1f ? 1 : 0;
            for (int i = 0; i < n; i++) {
                // lesion mask = union of the finding masks, inside the brain; tissues + lesion partition the brain
                assertThat(s.lesionMask()[i]).isEqualTo(Math.max(tumor[i], ms[i]));
                float tissues = tumor[i] + ms[i];
                for (String t : TISSUES) {
                    tissues += s.masks().get(t)[i];
                }
                assertThat(tissues).as("%s pixel %d", s.id(), i).isEqualTo(brain[i]);
                assertThat(brain[i] + skull[i]).isLessThanOrEqualTo(1f);
            }
            for (BoundingBox box : s.boxes()) {
                float[] mask = box.label() == 0 ? tumor : ms;
                assertThat(countIn(mask, box)).as("%s %s", s.id(), box).isPositive();
            }
            // every lesion pixel lies in a box of its own finding
            for (int i = 0; i < n; i++) {
                int x = i % 64;
                int y = i / 64;
                if (tumor[i] > 0 || ms[i] > 0) {
                    int label = tumor[i] > 0 ? 0 : 1;
                    assertThat(s.boxes()).as("%s pixel %d,%d", s.id(), x, y).anyMatch(b -> b.label() == label
                            && b.x0() <= x && x < b.x1() && b.y0() <= y && y < b.y1());
                }
            }
            long msBoxes = s.boxes().stream().filter(b -> b.label() == 1).count();
            long tumorBoxes = s.boxes().stream().filter(b -> b.label() == 0).count();
            assertThat(tumorBoxes).isEqualTo((long) s.labels()[0]);
            assertThat(msBoxes).isBetween(s.labels()[1] > 0 ? 1L : 0L, s.labels()[1] > 0 ? 10L : 0L);
            // MS lesions do not touch each other, each covers at least 6 pixels
            assertThat(Samples.count(ms)).isGreaterThanOrEqualTo(6 * (int) msBoxes);
        }
        assertThat(withBoth).as("multi-label mode shows several findings in one image").isPositive();
    }

    @Test
    void msLesionsLieInPeriventricularWhiteMatterAndStandOut() {
        SampleSet set = Synth.of(60, 0, 0).pathologies("ms").prevalence(1).load();
        for (Sample s : set.samples()) {
            float[] ms = s.masks().get("ms");
            float[] ventricles = s.masks().get("ventricles");
            float[] white = s.masks().get("white_matter");
            double lesion = meanOver(s.pixels(), ms);
            double wm = meanOver(s.pixels(), white);
            assertThat(lesion - wm).as("contrast of %s", s.id()).isGreaterThan(0.2);
            for (int i = 0; i < ms.length; i++) {
                if (ms[i] > 0) {
                    assertThat(distance(ventricles, i, 64)).as("%s pixel %d", s.id(), i).isLessThanOrEqualTo(11);
                    assertThat(touches(white, i, 64) || touches(ms, i, 64)).isTrue();
                }
            }
        }
    }

    @Test
    void binaryModeHonoursPrevalenceAndAgreesWithFindings() {
        SyntheticBrainGenerator g = Synth.of(2000, 0, 0).prevalence(0.3).generator();
        int positive = 0;
        for (int i = 0; i < 2000; i++) {
            boolean[] f = g.findings(Split.TRAIN, i);
            positive += f[0] || f[1] ? 1 : 0;
            assertThat(f[0] && f[1]).as("binary mode shows one finding type").isFalse();
        }
        assertThat(positive / 2000.0).isBetween(0.27, 0.33);
        assertThat(g.labelNames()).containsExactly("pathological");
        for (int i = 0; i < 40; i++) {
            Sample s = g.sample(Split.TRAIN, i);
            boolean[] f = g.findings(Split.TRAIN, i);
            assertThat(s.labels()).hasSize(1);
            assertThat(s.isPathological()).isEqualTo(f[0] || f[1]);
            assertThat(Samples.count(s.lesionMask()) > 0).isEqualTo(s.isPathological());
            assertThat(s.boxes()).allMatch(b -> b.label() == 0);
        }
    }

    @Test
    void healthyTissueLooksTheSameInHealthyAndPathologicalImages() {
        SampleSet set = Synth.of(300, 0, 0).load();
        double[] brainMean = new double[300];
        boolean[] sick = new boolean[300];
        for (int k = 0; k < 300; k++) {
            Sample s = set.samples().get(k);
            float[] healthy = s.masks().get("white_matter").clone();
            float[] grey = s.masks().get("grey_matter");
            for (int i = 0; i < healthy.length; i++) {
                healthy[i] += grey[i];
            }
            brainMean[k] = meanOver(s.pixels(), healthy);
            sick[k] = s.isPathological();
        }
        assertThat(Samples.auc(brainMean, sick)).isBetween(0.35, 0.65);
    }

    @Test
    void everyPixelIsAQuantised16BitLevel() {
        Sample s = Synth.of(1, 0, 0).channels(2).generator().sample(Split.TRAIN, 0);
        for (float v : s.pixels()) {
            assertThat(v).isBetween(0f, 1f);
            assertThat(Math.round(v * 65535) / 65535f).isEqualTo(v);
        }
    }

    @Test
    void twoChannelModeHasT1LikeContrastInTheSecondChannel() {
        Sample s = Synth.of(1, 0, 0).channels(2).generator().sample(Split.TRAIN, 0);
        int n = 64 * 64;
        assertThat(s.channels()).isEqualTo(2);
        assertThat(s.pixels()).hasSize(2 * n);
        float[] flair = Arrays.copyOfRange(s.pixels(), 0, n);
        float[] t1 = Arrays.copyOfRange(s.pixels(), n, 2 * n);
        float[] gm = s.masks().get("grey_matter");
        float[] wm = s.masks().get("white_matter");
        assertThat(meanOver(flair, gm)).isGreaterThan(meanOver(flair, wm) + 0.05);
        assertThat(meanOver(t1, wm)).isGreaterThan(meanOver(t1, gm) + 0.1);
        assertThat(Synth.of(1, 0, 0).channels(2).load().channels()).isEqualTo(2);
    }

    @Test
    void largerImagesScaleTheAnatomyAndLesions() {
        SampleSet set = Synth.of(8, 0, 0).size(128).pathologies("ms").prevalence(1).load();
        assertThat(set.height()).isEqualTo(128);
        for (Sample s : set.samples()) {
            assertThat(s.pixels()).hasSize(128 * 128);
            assertThat(Samples.count(s.masks().get("ms"))).isGreaterThanOrEqualTo(24 * s.boxes().size());
            assertThat(Samples.count(s.masks().get("brain"))).isGreaterThan(128 * 128 / 4);
        }
    }

    private static int countIn(float[] mask, BoundingBox b) {
        int n = 0;
        for (int y = b.y0(); y < b.y1(); y++) {
            for (int x = b.x0(); x < b.x1(); x++) {
                n += mask[y * 64 + x] > 0 ? 1 : 0;
            }
        }
        return n;
    }

    static double meanOver(float[] img, float[] mask) {
        double s = 0;
        int n = 0;
        for (int i = 0; i < mask.length; i++) {
            if (mask[i] > 0) {
                s += img[i];
                n++;
            }
        }
        return s / n;
    }

    private static double distance(float[] mask, int i, int w) {
        double best = Double.MAX_VALUE;
        for (int j = 0; j < mask.length; j++) {
            if (mask[j] > 0) {
                best = Math.min(best, Math.hypot(j % w - i % w, j / w - i / w));
            }
        }
        return best;
    }

    private static boolean touches(float[] mask, int i, int w) {
        int x = i % w;
        int y = i / w;
        for (int dy = -1; dy <= 1; dy++) {
            for (int dx = -1; dx <= 1; dx++) {
                int xx = x + dx;
                int yy = y + dy;
                if ((dx != 0 || dy != 0) && xx >= 0 && yy >= 0 && xx < w && yy < w && mask[yy * w + xx] > 0) {
                    return true;
                }
            }
        }
        return false;
    }
}
