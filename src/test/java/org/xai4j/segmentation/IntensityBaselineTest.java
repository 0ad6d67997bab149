package org.xai4j.segmentation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xai4j.data.DataSources;
import org.xai4j.data.Sample;
import org.xai4j.data.SampleSet;
import org.xai4j.data.Split;
import org.xai4j.testing.TinyRuns;

/** The FLAIR-threshold baseline on the synthetic slices, whose lesions are hyperintense. */
class IntensityBaselineTest {
    private static final SampleSet DATA = DataSources.load(TinyRuns.config(1).data(), Path.of("."));

    @Test
    void otsuInsideTheBrainSegmentsTheHyperintenseLesions() {
        SegmentationEvaluator brain = new SegmentationEvaluator(SegmentationOptions.defaults());
        MethodResult r = brain.evaluate(new IntensityMaps(0), List.of(), DATA.split(Split.TEST));
        assertThat(r.summary().images()).isEqualTo(SegmentationEvaluator.pathological(DATA.split(Split.TEST),
                Integer.MAX_VALUE).size()).isGreaterThan(5);
        assertThat(r.summary().meanDice()).isGreaterThan(0.7);
        assertThat(r.summary().pixelAuroc()).isGreaterThan(0.9);
        // without the brain mask Otsu separates head from background instead: the restriction is what makes it work
        MethodResult whole = new SegmentationEvaluator(SegmentationOptions.defaults().withRegionMask(null))
                .evaluate(new IntensityMaps(0), List.of(), DATA.split(Split.TEST));
        assertThat(whole.summary().meanDice()).isLessThan(r.summary().meanDice() - 0.3);
    }

    @Test
    void bestDiceChosenOnValidationTransfersToTest() {
        MethodResult r = new SegmentationEvaluator(SegmentationOptions.defaults()
                .withThreshold(BestDiceThreshold.unfitted())).evaluate(new IntensityMaps(0), DATA.split(Split.VAL),
                DATA.split(Split.TEST));
        BestDiceThreshold fitted = (BestDiceThreshold) r.rule();
        assertThat(fitted.validationDice()).isGreaterThan(0.7);
        assertThat(r.summary().meanDice()).isGreaterThan(0.7);
        assertThat(r.summary().thresholdValue()).isEqualTo(fitted.value());
    }

    @Test
    void mapIsTheChosenChannel() {
        Sample s = DATA.split(Split.TEST).get(0);
        assertThat(new IntensityMaps(0).maps(List.of(s)).get(0)).containsExactly(s.pixels());
        assertThatThrownBy(() -> new IntensityMaps(1).maps(List.of(s))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("channel");
    }
}
