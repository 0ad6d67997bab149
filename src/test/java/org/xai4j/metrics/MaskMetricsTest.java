package org.xai4j.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class MaskMetricsTest {
    @Test
    void diceAndIouOfOverlappingMasks() {
        float[] prediction = {0.9f, 0.6f, 0.2f, 0f}; // foreground {0, 1}
        float[] truth = {1, 0, 1, 0}; // foreground {0, 2}
        assertThat(Dice.of(prediction, truth)).isEqualTo(0.5); // 2*1 / (2+2)
        assertThat(IoU.of(prediction, truth)).isEqualTo(1.0 / 3); // 1 / 3
        assertThat(Dice.of(new float[] {0.5f}, new float[] {1})).isEqualTo(1.0); // 0.5 is foreground
    }

    @Test
    void emptyVersusEmptyIsPerfectAndEmptyVersusNonEmptyIsZero() {
        float[] empty = {0, 0.4f};
        assertThat(Dice.of(empty, empty)).isEqualTo(1.0);
        assertThat(IoU.of(empty, empty)).isEqualTo(1.0);
        assertThat(Dice.of(empty, new float[] {0, 1})).isEqualTo(0.0);
        assertThat(IoU.of(new float[] {1, 0}, empty)).isEqualTo(0.0);
    }

    @Test
    void maskErrorsNameTheProblem() {
        assertThatThrownBy(() -> Dice.of(new float[2], new float[3]))
                .hasMessage("prediction and truth differ in length: 2 vs 3");
        assertThatThrownBy(() -> IoU.of(new float[] {0, Float.NaN}, new float[2]))
                .hasMessage("prediction[1] is NaN");
    }

    @Test
    void pixelAurocOfOneMapWithTies() {
        // inside the mask {0.2, 0.5}, outside {0.8, 0.5}: only the 0.5-0.5 tie scores, 0.5 / 4
        RocCurve roc = PixelAuroc.of(new float[] {0.2f, 0.8f, 0.5f, 0.5f}, new float[] {1, 0, 0.7f, 0});
        assertThat(roc.auc()).isEqualTo(0.125);
        assertThat(PixelAuroc.of(new float[] {0.9f, 0.1f}, new float[] {0, 0}).auc()).isNaN();
    }

    @Test
    void pooledAurocWeighsPixelsNotImages() {
        List<float[]> maps = List.of(new float[] {0.9f, 0.8f}, new float[] {0.3f, 0.1f});
        List<float[]> masks = List.of(new float[] {1, 0}, new float[] {1, 0});
        assertThat(PixelAuroc.of(maps.get(0), masks.get(0)).auc()).isEqualTo(1.0);
        assertThat(PixelAuroc.of(maps.get(1), masks.get(1)).auc()).isEqualTo(1.0);
        // pooled: inside {0.9, 0.3}, outside {0.8, 0.1}: 0.3 < 0.8 is the one lost pair
        assertThat(PixelAuroc.pooled(maps, masks).auc()).isEqualTo(0.75);
        assertThatThrownBy(() -> PixelAuroc.pooled(maps, List.of(masks.get(0), new float[1])))
                .hasMessage("scoreMaps[1] and masks[1] differ in length: 2 vs 1");
    }
}
