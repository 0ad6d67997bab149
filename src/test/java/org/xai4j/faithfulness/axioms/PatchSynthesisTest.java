package org.xai4j.faithfulness.axioms;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.attribution.AttributionOptions;
import org.xai4j.attribution.Attributions;
import org.xai4j.data.Sample;
import org.xai4j.data.Split;
import org.xai4j.model.Classifier;
import org.xai4j.model.InputShape;
import org.xai4j.model.Mode;
import org.xai4j.model.ModelAdapter;
import org.xai4j.testing.AttributionGraphs;
import org.xai4j.testing.TrainedTinyModel;

/**
 * The axiom suite's synthesis as a regression test with fast settings and fixed seeds: what must hold by
 * construction is checked against the model directly (not through the loop's own bookkeeping), on a linear model
 * whose left half has zero weight and on a really trained tiny classifier; and the methods that satisfy the
 * null-player axiom by theory on a linear model (Integrated Gradients, Occlusion, Input x Gradient, the gradient)
 * score a null ratio of 0 on a null feature in the zero-weight half.
 */
class PatchSynthesisTest {
    private static final InputShape SHAPE = new InputShape(1, 16, 16);

    @TempDir
    static Path dir;

    private static TrainedTinyModel trained;

    @BeforeAll
    static void train() {
        trained = TrainedTinyModel.train(dir, 10);
    }

    /** z = 0.5 * (sum of the right half) - 32: 0 on average on the reference's noise background. */
    private static ModelAdapter linear() {
        Classifier c = AttributionGraphs.linear(1, 1, SHAPE);
        INDArray w = Nd4j.zeros(DataType.DOUBLE, 256, 1);
        for (int r = 0; r < 16; r++) {
            for (int col = 8; col < 16; col++) {
                w.putScalar(r * 16 + col, 0, 0.5);
            }
        }
        c.graph().getLayer("logits").setParam("W", w);
        c.graph().getLayer("logits").setParam("b", Nd4j.valueArrayOf(new long[] {1, 1}, -32.0));
        return new ModelAdapter(c);
    }

    private static double z(ModelAdapter m, INDArray image) {
        return m.logits(image.castTo(m.dataType()), Mode.INFERENCE).getDouble(0, 0);
    }

    private static SynthesisOptions fast(int imageSize, int iterations) {
        return SynthesisOptions.defaults(imageSize, iterations, 3);
    }

    /** {@link #fast} with another patch side. */
    private static SynthesisOptions fast(int imageSize, int iterations, int patch) {
        SynthesisOptions d = fast(imageSize, iterations);
        return new SynthesisOptions(patch, d.maxIterations(), d.warmup(), d.checkFrom(), d.accuracy(),
                d.independence(), d.lr(), d.alpha(), d.initialKey(), d.gamma(), d.contrast(), d.seed());
    }

    @Test
    void generatedNullFeaturesHaveNoEffectOnALinearModel() {
        ModelAdapter m = linear();
        OutputPair zs = OutputPair.of(1, 0, 0, List.of());
        List<SyntheticSample> samples = PatchSynthesis.generate(m, "null", zs, Backgrounds.noise(1, 16, 16, 0, 1), 4,
                fast(16, 200));
        List<SyntheticSample> held = samples.stream().filter(SyntheticSample::held).toList();
        assertThat(held).hasSizeGreaterThanOrEqualTo(2);
        for (SyntheticSample s : held) {             // placed patches: 0 = null, 1 = driver
            double bg = z(m, s.compose());
            double withNull = z(m, s.compose(0));
            double driven = z(m, s.compose(1));
            double both = z(m, s.compose(0, 1));
            assertThat(PatchScenario.change(withNull, bg)).isLessThan(0.14);
            assertThat(PatchScenario.change(both, driven)).isLessThan(0.14);
            assertThat(PatchScenario.sigmoid(driven)).isGreaterThan(0.94);
            assertThat(NullFeature.sd(s.patches().get(0))).isGreaterThanOrEqualTo(0.9 * 0.15);
        }
    }

    @Test
    void methodsThatAreNullPlayersByTheoryScoreZeroOnALinearModel() {
        ModelAdapter m = linear();
        INDArray bg = Backgrounds.noise(1, 16, 16, 0, 1).draw(new java.util.SplittableRandom(1));
        INDArray texture = Nd4j.rand(DataType.DOUBLE, 1, 4, 4);
        INDArray bright = Nd4j.ones(DataType.DOUBLE, 1, 4, 4);
        SyntheticSample s = new SyntheticSample("null", bg, List.of(texture, bright),
                List.of(new PatchPosition(6, 0, 4), new PatchPosition(6, 10, 4)), true, 1, new double[0], new double[0]);
        for (String method : List.of("ig", "occlusion", "ixg", "grad")) {
            List<List<double[][]>> maps = AxiomsJob.maps(Attributions.create(method, m, AttributionOptions.defaults()),
                    m, List.of(s), new int[] {0}, OutputPair.of(1, 0, 0, List.of()));
            AxiomsJob.Score score = AxiomsJob.score(method, "null", List.of(s), maps);
            assertThat(score.value()).as(method).isCloseTo(0.0, org.assertj.core.data.Offset.offset(1e-12));
            assertThat(AxiomMetrics.sum(maps.get(0).get(0), s.positions().get(1))).as(method).isPositive();
        }
    }

    @Test
    void singleFeaturesRaiseTheTrainedModelsOutputCheckedDirectly() {
        ModelAdapter m = new ModelAdapter(trained.run().classifier());
        List<Sample> healthy = trained.data().split(Split.TEST).stream().filter(x -> !x.isPathological()).toList();
        Backgrounds backgrounds = Backgrounds.images(trained.features(healthy));
        List<SyntheticSample> samples = PatchSynthesis.generate(m, "single", OutputPair.of(1, 0, 0, List.of()),
                backgrounds, 3, fast(32, 150, 12));
        List<SyntheticSample> held = samples.stream().filter(SyntheticSample::held).toList();
        assertThat(held).isNotEmpty();
        for (SyntheticSample s : held) {
            assertThat(PatchScenario.sigmoid(z(m, s.image()))).isGreaterThan(0.94);
            assertThat(s.iterations()).isLessThanOrEqualTo(150);
            INDArray patch = s.patches().get(0);
            assertThat(patch.minNumber().doubleValue()).isGreaterThanOrEqualTo(backgrounds.low() - 1e-9);
            assertThat(patch.maxNumber().doubleValue()).isLessThanOrEqualTo(backgrounds.high() + 1e-9);
        }
        assertThat(samples.stream().filter(x -> !x.held()).allMatch(x -> x.iterations() == 150)).isTrue();
    }
}
