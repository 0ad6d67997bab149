package org.xai4j.segmentation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.xai4j.data.Sample;

/** Dice, IoU and pixel AUROC aggregation over images against hand-computed values. */
class EvaluatorTest {
    @Test
    void perImageScoresMeansAndPooledAurocByHand() {
        // image a: truth 1 1 0 0, map .9 .2 .8 .1 -> "> .5" predicts 1 0 1 0: |P^T| 1, |P| 2, |T| 2
        // -> Dice 1/2, IoU 1/3
        ProcessedMap a = Maps.map("a", 1, 4, new float[] {0.9f, 0.2f, 0.8f, 0.1f}, new float[] {1, 1, 0, 0}, null);
        // image b: truth 0 1 0 0, map .1 .7 .2 .3, pixel 0 outside the region -> predicts 0 1 0 0: Dice 1, IoU 1
        ProcessedMap b = Maps.map("b", 1, 4, new float[] {0.1f, 0.7f, 0.2f, 0.3f}, new float[] {0, 1, 0, 0},
                new float[] {0, 1, 1, 1});
        MethodResult r = SegmentationEvaluator.score("hand", SourceKind.BASELINE, new FixedThreshold(0.5),
                List.of(a, b));
        ImageScore sa = r.images().get(0).score();
        ImageScore sb = r.images().get(1).score();
        assertThat(sa.dice()).isEqualTo(0.5);
        assertThat(sa.iou()).isCloseTo(1 / 3.0, within(1e-15));
        assertThat(sa.lesionPixels()).isEqualTo(2);
        assertThat(sa.predictedPixels()).isEqualTo(2);
        assertThat(sb.dice()).isEqualTo(1.0);
        assertThat(sb.iou()).isEqualTo(1.0);
        // per image AUROC of a: positives .9 .2 vs negatives .8 .1 -> (2 + 1) / 4
        assertThat(sa.pixelAuroc()).isEqualTo(0.75);
        assertThat(r.images().get(0).predicted()).containsExactly(1f, 0f, 1f, 0f);
        MethodSummary s = r.summary();
        assertThat(s.images()).isEqualTo(2);
        assertThat(s.meanDice()).isEqualTo(0.75);
        assertThat(s.meanIou()).isCloseTo(2 / 3.0, within(1e-15));
        // pooled region pixels: positives .9 .2 .7, negatives .8 .1 .2 .3 (b's .1 is outside the region)
        // .9 beats 4; .2 beats .1, ties .2 -> 1.5; .7 beats .1 .2 .3 -> 3; (4 + 1.5 + 3) / 12
        assertThat(s.pixelAuroc()).isCloseTo(8.5 / 12, within(1e-15));
        assertThat(s.processedAuroc()).as("processed = raw here").isCloseTo(8.5 / 12, within(1e-15));
        assertThat(s.thresholdValue()).isEqualTo(0.5);
        assertThat(s.threshold()).isEqualTo("fixed:0.5");
        assertThat(s.method()).isEqualTo("hand");
    }

    @Test
    void rawAndProcessedMapsGetTheirOwnAuroc() {
        // raw signed map: the lesion pixel has the lowest value (AUROC 0); its positive part ties with one negative
        ProcessedMap c = new ProcessedMap("c", 1, 4, new float[] {-0.5f, 0.4f, -0.2f, 0.1f},
                new float[] {0f, 0.4f, 0f, 0.1f}, new float[] {1, 1, 1, 1}, new float[] {1, 0, 0, 0});
        MethodResult r = SegmentationEvaluator.score("c", SourceKind.ATTRIBUTION, new FixedThreshold(0.2), List.of(c));
        assertThat(r.summary().pixelAuroc()).isEqualTo(0.0);
        assertThat(r.summary().processedAuroc()).isCloseTo(0.5 / 3, within(1e-15));
        assertThat(r.images().get(0).score().pixelAuroc()).isEqualTo(0.0);
        assertThat(r.images().get(0).score().processedAuroc()).isCloseTo(0.5 / 3, within(1e-15));
    }

    @Test
    void perImageRulesRecordEachImagesThreshold() {
        ProcessedMap a = Maps.map("a", 1, 6, new float[] {9, 1, 8, 2, 9, 1}, new float[] {1, 0, 1, 0, 1, 0}, null);
        MethodResult r = SegmentationEvaluator.score("otsu", SourceKind.BASELINE, new OtsuThreshold(), List.of(a));
        assertThat(r.images().get(0).score().threshold()).isEqualTo(2.0);
        assertThat(r.summary().meanDice()).isEqualTo(1.0);
        assertThat(r.summary().thresholdValue()).isNaN();
        assertThatThrownBy(() -> SegmentationEvaluator.score("x", SourceKind.BASELINE, BestDiceThreshold.unfitted(),
                List.of(a))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("best-dice");
    }

    @Test
    void evaluateScoresOnlyPathologicalImagesAndFitsBestDiceOnValidation() {
        float[] brain = {0, 1, 1, 1};
        // intensity maps: the lesion is the bright pixel inside the brain; pixel 0 (outside) is brighter still
        Sample v1 = Maps.sample("v1", 2, 2, new float[] {1f, 0.7f, 0.2f, 0.3f}, new float[] {0, 1, 0, 0}, brain);
        Sample v2 = Maps.sample("v2", 2, 2, new float[] {1f, 0.1f, 0.6f, 0.2f}, new float[] {0, 0, 1, 0}, brain);
        Sample t1 = Maps.sample("t1", 2, 2, new float[] {1f, 0.1f, 0.3f, 0.65f}, new float[] {0, 0, 0, 1}, brain);
        Sample healthy = Maps.healthy("h", 2, 2, new float[] {1f, 0.9f, 0.9f, 0.9f}, new float[4]);
        SegmentationOptions options = new SegmentationOptions(0, "brain", Normalisation.NONE,
                BestDiceThreshold.unfitted());
        MethodResult r = new SegmentationEvaluator(options).evaluate(new IntensityMaps(0), List.of(v1, healthy, v2),
                List.of(healthy, t1));
        assertThat(r.images()).extracting(i -> i.score().id()).containsExactly("t1");
        // validation values inside the brain: .7 .2 .3 and .1 .6 .2; Dice 1 on both for thresholds in [.3, .6): .3
        assertThat(((BestDiceThreshold) r.rule()).value()).isEqualTo(0.3f);
        assertThat(((BestDiceThreshold) r.rule()).validationDice()).isEqualTo(1.0);
        assertThat(r.summary().thresholdValue()).isEqualTo(0.3f);
        assertThat(r.summary().meanDice()).isEqualTo(1.0);
        assertThat(r.summary().kind()).isEqualTo(SourceKind.BASELINE);
        assertThat(r.summary().method()).isEqualTo("intensity");
        assertThatThrownBy(() -> new SegmentationEvaluator(options).evaluate(new IntensityMaps(0), List.of(v1),
                List.of(healthy))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pathological");
        assertThatThrownBy(() -> new SegmentationEvaluator(options).evaluate(new IntensityMaps(0), List.of(healthy),
                List.of(t1))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("validation");
    }

    @Test
    void pathologicalKeepsOrderAndLimit() {
        Sample p1 = Maps.sample("p1", 1, 1, new float[1], new float[1], null);
        Sample p2 = Maps.sample("p2", 1, 1, new float[1], new float[1], null);
        Sample h = Maps.healthy("h", 1, 1, new float[1], new float[1]);
        assertThat(SegmentationEvaluator.pathological(List.of(h, p1, h, p2), 1)).containsExactly(p1);
        assertThat(SegmentationEvaluator.pathological(List.of(h, p2, p1), 5)).containsExactly(p2, p1);
        assertThatThrownBy(() -> SegmentationEvaluator.pathological(List.of(p1), 0))
                .hasMessageStartingWith("limit");
    }
}
