package org.xai4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The multi-finding task: five co-occurring findings with their own masks and prevalences (issue 14). */
class FiveFindingsTest {
    private static final String[] FIVE = {"tumor", "ms", "haemorrhage", "enlarged_ventricles", "atrophy"};

    @Test
    void everyFindingHasItsOwnMaskAndTheLesionMaskIsTheirUnion() {
        SampleSet set = Synth.of(120, 0, 0).pathologies(FIVE).multiLabel().prevalence(0.4).load();
        assertThat(set.labelNames()).containsExactly(FIVE);
        int[] positives = new int[FIVE.length];
        int coOccurring = 0;
        for (Sample s : set.samples()) {
            int present = 0;
            for (int f = 0; f < FIVE.length; f++) {
                float[] mask = s.masks().get(FIVE[f]);
                boolean positive = s.labels()[f] == 1f;
                assertThat(Samples.count(mask) > 0).as(s.id() + " " + FIVE[f]).isEqualTo(positive);
                positives[f] += positive ? 1 : 0;
                present += positive ? 1 : 0;
            }
            coOccurring += present >= 2 ? 1 : 0;
            float[] brain = s.masks().get("brain");
            float[] ventricles = s.masks().get("ventricles");
            for (int i = 0; i < brain.length; i++) {
                float union = 0;
                for (String f : FIVE) {
                    union = Math.max(union, s.masks().get(f)[i]);
                }
                assertThat(s.lesionMask()[i]).as(s.id() + " pixel " + i).isEqualTo(union);
                // the structural findings' pixels are what the anatomy became: ventricle (unless a tumour grew
                // into it), or CSF outside the brain
                if (s.masks().get("enlarged_ventricles")[i] > 0) {
                    assertThat(ventricles[i] + s.masks().get("tumor")[i]).isEqualTo(1f);
                }
                if (s.masks().get("atrophy")[i] > 0) {
                    assertThat(brain[i]).isEqualTo(0f);
                }
                if (s.masks().get("haemorrhage")[i] > 0) {
                    assertThat(brain[i]).isEqualTo(1f);
                }
            }
            // one box per haemorrhage and around each structural finding, labelled with the finding's index
            for (int f = 2; f < FIVE.length; f++) {
                int label = f;
                long boxes = s.boxes().stream().filter(b -> b.label() == label).count();
                assertThat(boxes).as(s.id() + " boxes of " + FIVE[f]).isEqualTo(s.labels()[f] == 1f ? 1 : 0);
            }
        }
        assertThat(Arrays.stream(positives).boxed().toList()).allSatisfy(p -> assertThat(p).isBetween(30, 70));
        assertThat(coOccurring).isGreaterThan(40);
    }

    @Test
    void structuralFindingsChangeTheAnatomyVisibly() {
        // enlarged ventricles hold more dark ventricle pixels; an atrophic brain is smaller than its skull allows
        SampleSet set = Synth.of(200, 0, 0).pathologies(FIVE).multiLabel().prevalence(0.5).load();
        double[] ventricles = new double[2];
        double[] brain = new double[2];
        int[] n = new int[2];
        int[] m = new int[2];
        for (Sample s : set.samples()) {
            int v = (int) s.labels()[3];
            ventricles[v] += Samples.count(s.masks().get("ventricles"));
            n[v]++;
            int a = (int) s.labels()[4];
            brain[a] += Samples.count(s.masks().get("brain"));
            m[a]++;
        }
        assertThat(ventricles[1] / n[1]).isGreaterThan(1.8 * ventricles[0] / n[0]);
        assertThat(brain[1] / m[1]).isLessThan(0.95 * brain[0] / m[0]);
    }

    @Test
    void perFindingPrevalenceIsHonoured() {
        Map<String, Double> prevalences = Map.of("tumor", 0.1, "atrophy", 0.8);
        SampleSet set = Synth.of(1500, 0, 0).pathologies(FIVE).multiLabel().prevalence(0.3)
                .prevalences(prevalences).load();
        double[] expected = {0.1, 0.3, 0.3, 0.3, 0.8};
        for (int f = 0; f < FIVE.length; f++) {
            int label = f;
            double rate = set.samples().stream().filter(s -> s.labels()[label] == 1f).count() / 1500.0;
            assertThat(rate).as(FIVE[f]).isCloseTo(expected[f], org.assertj.core.data.Offset.offset(0.04));
        }
    }

    @Test
    void prevalencesNameTheirMistakes() {
        assertThatThrownBy(() -> Synth.of(1, 0, 0).pathologies(FIVE).multiLabel()
                .prevalences(Map.of("haemorhage", 0.2)).options())
                .hasMessageContaining("prevalences: unknown finding 'haemorhage'").hasMessageContaining("atrophy");
        assertThatThrownBy(() -> Synth.of(1, 0, 0).pathologies(FIVE).prevalences(Map.of("tumor", 0.2)).options())
                .hasMessageContaining("needs multiLabel: true");
        assertThatThrownBy(() -> Synth.of(1, 0, 0).pathologies(FIVE).multiLabel()
                .prevalences(Map.of("tumor", 1.5)).options()).hasMessageContaining("prevalences.tumor");
        assertThatThrownBy(() -> Synth.of(1, 0, 0).pathologies("tumor", "bleed").options())
                .hasMessageContaining("pathologies").hasMessageContaining("bleed");
    }

    @Test
    void binaryModeDrawsOneOfTheFiveFindings() {
        SampleSet set = Synth.of(300, 0, 0).pathologies(FIVE).prevalence(0.7).load();
        assertThat(set.labelNames()).containsExactly(SyntheticBrainGenerator.PATHOLOGICAL);
        int[] shown = new int[FIVE.length];
        for (Sample s : set.samples()) {
            int findings = 0;
            for (int f = 0; f < FIVE.length; f++) {
                if (Samples.count(s.masks().get(FIVE[f])) > 0) {
                    findings++;
                    shown[f]++;
                }
            }
            assertThat(findings).as(s.id()).isEqualTo((int) s.labels()[0]);
        }
        assertThat(Arrays.stream(shown).boxed().toList()).allSatisfy(c -> assertThat(c).isGreaterThan(20));
    }

    @Test
    void theTwoFindingSetsAreBitIdenticalToWhatTheyWereBeforeTheNewFindings() {
        // pixel and lesion-mask hashes of TEST/0..3 written by the generator before haemorrhage, enlarged ventricles
        // and atrophy existed: published numbers made with the standard and hard presets stay reproducible
        assertThat(hashes(Synth.of(0, 0, 4).pathologies("tumor", "ms").multiLabel())).containsExactly(
                1618734035, 1742602241, 1394166456, -379715583, -607252755, 677249025, -2066394452, -1763835903);
        assertThat(hashes(Synth.of(0, 0, 4).preset("hard").multiLabel())).containsExactly(
                234994546, 1742602241, 415677926, 1742602241, 180856940, 1742602241, -693570076, 1742602241);
    }

    private static List<Integer> hashes(Synth synth) {
        SyntheticBrainGenerator g = synth.generator();
        return java.util.stream.IntStream.range(0, 4).boxed()
                .flatMap(i -> {
                    Sample s = g.sample(Split.TEST, i);
                    return java.util.stream.Stream.of(Arrays.hashCode(s.pixels()), Arrays.hashCode(s.lesionMask()));
                }).toList();
    }
}
