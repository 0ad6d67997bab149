package org.xai4j.segmentation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.attribution.Gradient;
import org.xai4j.attribution.InputXGradient;
import org.xai4j.data.Sample;
import org.xai4j.data.Split;
import org.xai4j.data.TransformOptions;
import org.xai4j.data.Transforms;
import org.xai4j.model.Classifier;
import org.xai4j.model.InputShape;
import org.xai4j.model.Mode;
import org.xai4j.model.ModelAdapter;
import org.xai4j.model.Target;
import org.xai4j.testing.TestGraphs;

/** Attribution maps explain each image's own findings, on the normalised input, summed over channels. */
class AttributionMapsTest {
    @Test
    void mapsAreTheGradientOfEachImagesLabelledLogitOnTheNormalisedInput() {
        Classifier c = TestGraphs.residualConcat(DataType.FLOAT, 5);
        ModelAdapter adapter = new ModelAdapter(c);
        InputShape shape = TestGraphs.RESIDUAL_INPUT;
        List<Sample> samples = samples(shape, 3);
        Transforms fixed = new Transforms(new TransformOptions("fixed", List.of(0.5), List.of(0.25), null, null, null,
                null, null, null, null, null));
        List<float[]> maps = new AttributionMaps(new Gradient(adapter), fixed, 2).maps(samples);
        assertThat(maps).hasSize(3);
        INDArray x = Nd4j.create(DataType.FLOAT, 3, shape.channels(), shape.height(), shape.width());
        for (int n = 0; n < 3; n++) {
            float[] px = samples.get(n).pixels();
            for (int i = 0; i < px.length; i++) {
                x.putScalar(new long[] {n, i / 36, (i % 36) / 6, i % 6}, (px[i] - 0.5) / 0.25);
            }
        }
        // sample n is labelled with logit n % 2
        INDArray g = adapter.inputGradient(x, Target.perExample(new int[] {0, 1, 0}), Mode.INFERENCE);
        for (int n = 0; n < 3; n++) {
            for (int y = 0; y < 6; y++) {
                for (int xx = 0; xx < 6; xx++) {
                    double expected = g.getDouble(n, 0, y, xx) + g.getDouble(n, 1, y, xx);
                    assertThat((double) maps.get(n)[y * 6 + xx]).isCloseTo(expected, within(1e-5));
                }
            }
        }
        AttributionMaps ixg = new AttributionMaps(new InputXGradient(adapter), fixed, 3);
        assertThat(ixg.name()).isEqualTo("ixg");
        assertThat(ixg.kind()).isEqualTo(SourceKind.ATTRIBUTION);
        float[] m0 = ixg.maps(samples.subList(0, 1)).get(0);
        double expected = x.getDouble(0, 0, 2, 3) * g.getDouble(0, 0, 2, 3) + x.getDouble(0, 1, 2, 3)
                * g.getDouble(0, 1, 2, 3);
        assertThat((double) m0[2 * 6 + 3]).isCloseTo(expected, within(1e-5));
    }

    @Test
    void channelSumsSplitTheBatch() {
        INDArray a = Nd4j.arange(0, 16).castTo(DataType.DOUBLE).reshape(2, 2, 2, 2);
        List<float[]> maps = AttributionMaps.channelSums(a);
        assertThat(maps.get(0)).containsExactly(4f, 6f, 8f, 10f); // 0+4, 1+5, 2+6, 3+7
        assertThat(maps.get(1)).containsExactly(20f, 22f, 24f, 26f);
    }

    private static List<Sample> samples(InputShape s, int n) {
        Random r = new Random(2);
        List<Sample> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            float[] px = new float[s.channels() * s.height() * s.width()];
            for (int k = 0; k < px.length; k++) {
                px[k] = r.nextFloat();
            }
            float[] labels = i % 2 == 0 ? new float[] {1, 0} : new float[] {0, 1};
            out.add(new Sample("s" + i, px, s.channels(), s.height(), s.width(), labels,
                    new float[s.height() * s.width()], Map.of(), List.of(), Split.TEST));
        }
        return out;
    }
}
