package org.xai4j.attribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.xai4j.data.Sample;
import org.xai4j.data.Split;
import org.xai4j.model.ModelAdapter;
import org.xai4j.model.Target;
import org.xai4j.testing.FiniteDifferences;
import org.xai4j.testing.TrainedTinyModel;

/**
 * The information bottleneck (IBA, Inverse IBA, Regression IBA, Multi-layer IBA) on a trained model in double
 * precision: the gradient of the whole objective against central differences, the closed-form KL against numerical
 * integration, the smoothing against its published definition, the map's units, and the effect of beta.
 */
class InformationBottleneckTest {
    private static ModelAdapter adapter;
    private static INDArray images; // two pathological, two healthy test images
    private static INDArray train;

    @BeforeAll
    static void trainTinyModel(@TempDir Path dir) {
        FiniteDifferences.singleThreaded();
        TrainedTinyModel trained = TrainedTinyModel.train(dir, 3);
        adapter = new ModelAdapter(trained.doublePrecision());
        List<Sample> chosen = new ArrayList<>();
        for (boolean pathological : new boolean[] {true, false}) {
            trained.data().split(Split.TEST).stream().filter(s -> (s.labels()[0] > 0.5f) == pathological).limit(2)
                    .forEach(chosen::add);
        }
        images = trained.features(chosen);
        train = trained.features(trained.data().split(Split.TRAIN));
    }

    private static InformationBottleneck.Options options(String loss, Double label, double sigma) {
        return new InformationBottleneck.Options("stage2", 10.0, 10, 1.0, 3, 5.0, sigma, 0.01, 0.01, loss, label,
                false, 1000, 3L, 5);
    }

    @Test
    void theGradientWithRespectToAlphaIsThatOfTheWholeObjective() {
        for (InformationBottleneck.Variant v : InformationBottleneck.Variant.values()) {
            for (String loss : new String[] {"sigmoid", "squared-change", "squared-error"}) {
                InformationBottleneck iba = new InformationBottleneck(adapter, v, options(loss, 2.0, 1.0),
                        ReferenceImages.of(train));
                INDArray r = adapter.activations(images, "stage2");
                InformationBottleneck.Problem p = iba.problem(r, Target.logit(0));
                Random rnd = new Random(5);
                double[] alpha = new double[p.n * p.length];
                for (int j = 0; j < alpha.length; j++) {
                    alpha[j] = -3 + 8 * rnd.nextDouble(); // lambda from 0.05 to 0.99
                }
                double[] g = p.evaluate(alpha, 2).gradient();
                double h = 1e-5;
                for (int k = 0; k < 16; k++) {
                    int j = rnd.nextInt(alpha.length);
                    double[] up = alpha.clone();
                    double[] down = alpha.clone();
                    up[j] += h;
                    down[j] -= h;
                    double fd = (p.evaluate(up, 2).objective() - p.evaluate(down, 2).objective()) / (2 * h);
                    assertThat(g[j]).as("%s %s element %d", v, loss, j)
                            .isCloseTo(fd, org.assertj.core.data.Offset.offset(1e-6 + 1e-5 * Math.abs(fd)));
                }
            }
        }
    }

    @Test
    void theClosedFormKlIsTheKlOfTheNoisyActivationToTheNoise() {
        // Z' = l r' + (1 - l) eps', eps' ~ N(0, 1): KL(N(l r', (1 - l)^2) || N(0, 1)) by Simpson's rule
        for (double l : new double[] {0.01, 0.3, 0.9}) {
            for (double rn : new double[] {-2, 0, 0.7, 4}) {
                double m = l * rn;
                double s = 1 - l;
                int steps = 20000;
                double lo = m - 12 * s;
                double hi = m + 12 * s;
                double dx = (hi - lo) / steps;
                double sum = 0;
                for (int i = 0; i <= steps; i++) {
                    double z = lo + i * dx;
                    double p = Math.exp(-0.5 * (z - m) * (z - m) / (s * s)) / (s * Math.sqrt(2 * Math.PI));
                    double q = Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
                    double f = p == 0 ? 0 : p * Math.log(p / q);
                    sum += f * (i == 0 || i == steps ? 1 : i % 2 == 1 ? 4 : 2);
                }
                assertThat(InformationBottleneck.kl(l, 1 - l, rn)).as("l %s r' %s", l, rn)
                        .isCloseTo(sum * dx / 3, org.assertj.core.data.Offset.offset(1e-7));
            }
        }
    }

    @Test
    void theSmoothingIsThePublishedGaussianWithReflectedBordersAndItsAdjointIsItsTranspose() {
        // PyTorch's ReflectionPad: [1 2 3] padded by 2 is [3 2 1 2 3 2 1]
        int[] padded = new int[7];
        for (int i = -2; i <= 4; i++) {
            padded[i + 2] = MaskSmoothing.mirror(i, 3) + 1;
        }
        assertThat(padded).containsExactly(3, 2, 1, 2, 3, 2, 1);
        MaskSmoothing s = new MaskSmoothing(1.0);
        // a delta in the middle of a 9 x 9 map spreads into the normalised 5 x 5 Gaussian of sigma 1
        double[] delta = new double[81];
        delta[40] = 1;
        double[] out = s.apply(delta, 9, 9);
        double norm = 0;
        for (int dy = -2; dy <= 2; dy++) {
            for (int dx = -2; dx <= 2; dx++) {
                norm += Math.exp(-(dx * dx + dy * dy) / 2.0);
            }
        }
        assertThat(out[40]).isCloseTo(1 / norm, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(out[40 + 9 * 2 + 1]).isCloseTo(Math.exp(-2.5) / norm, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(out[40 + 3]).isZero();
        Random r = new Random(1);
        double[] a = r.doubles(2 * 5 * 4).toArray();
        double[] b = r.doubles(2 * 5 * 4).toArray();
        double lhs = dot(s.apply(a, 5, 4), b);
        double rhs = dot(a, s.adjoint(b, 5, 4));
        assertThat(lhs).isCloseTo(rhs, org.assertj.core.data.Offset.offset(1e-12));
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    @Test
    void theMapIsInBitsPerPixelAndSumsToTheInformationLetThrough() {
        InformationBottleneck iba = new InformationBottleneck(adapter, InformationBottleneck.Variant.PER_SAMPLE,
                options("sigmoid", null, 1.0), ReferenceImages.of(train));
        InformationBottleneck.Result result = iba.optimise(images, Target.logit(0));
        INDArray map = iba.attribute(images, Target.logit(0));
        assertThat(map.shape()).containsExactly(images.shape());
        for (int i = 0; i < images.size(0); i++) {
            double bits = result.capacity().get(NDArrayIndex.point(i)).sumNumber().doubleValue() / Math.log(2);
            assertThat(map.get(NDArrayIndex.point(i), NDArrayIndex.point(0)).sumNumber().doubleValue())
                    .isCloseTo(bits, org.assertj.core.data.Offset.offset(1e-9 * Math.max(1, bits)));
        }
        assertThat(map.minNumber().doubleValue()).isGreaterThanOrEqualTo(0);
    }

    @Test
    void adamLowersTheObjectiveAndBetaSqueezesTheInformation() {
        InformationBottleneck.Result published = new InformationBottleneck(adapter,
                InformationBottleneck.Options.defaults()).optimise(images, Target.logit(0));
        double[] info = published.information();
        assertThat(info[info.length - 1]).isLessThan(info[0] / 10);
        // Adam lowers the whole objective (model term + beta * information) on every image
        for (int i = 0; i < images.size(0); i++) {
            InformationBottleneck.Result one = new InformationBottleneck(adapter,
                    InformationBottleneck.Variant.PER_SAMPLE, InformationBottleneck.Options.defaults(),
                    ReferenceImages.of(train)).optimise(images.get(NDArrayIndex.interval(i, i + 1),
                    NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.all()).dup(), Target.logit(0));
            int last = one.modelLoss().length - 1;
            assertThat(one.modelLoss()[last] + 10 * one.information()[last])
                    .isLessThan(one.modelLoss()[0] + 10 * one.information()[0]);
        }
        double lowBeta = total(withBeta(0.1).optimise(images, Target.logit(0)).capacity());
        double highBeta = total(withBeta(1000).optimise(images, Target.logit(0)).capacity());
        assertThat(highBeta).isLessThan(lowBeta / 5);
    }

    private static InformationBottleneck withBeta(double beta) {
        InformationBottleneck.Options d = InformationBottleneck.Options.defaults();
        return new InformationBottleneck(adapter, new InformationBottleneck.Options(d.tap(), beta, d.steps(), d.lr(),
                d.noiseSamples(), d.initialAlpha(), d.sigma(), d.minStd(), d.activeThreshold(), d.loss(), d.label(),
                d.relu(), d.estimationImages(), d.seed(), d.internalBatch()));
    }

    private static double total(INDArray a) {
        return a.sumNumber().doubleValue();
    }

    @Test
    void multiLayerIbaKeepsTheFirstMapWhereTheDeeperMapsPass() {
        ReferenceImages ref = ReferenceImages.of(train);
        AttributionOptions o = AttributionOptions.defaults().withReference(ref);
        INDArray multi = Attributions.create("multilayer-iba", adapter, o).attribute(images, Target.logit(0));
        INDArray first = new InformationBottleneck(adapter, InformationBottleneck.Variant.PER_SAMPLE,
                InformationBottleneck.Options.defaults().onTap("stage1"), ref).attribute(images, Target.logit(0));
        assertThat(multi.shape()).containsExactly(images.shape());
        double[] m = multi.dup().data().asDouble();
        double[] f = first.dup().data().asDouble();
        int kept = 0;
        for (int i = 0; i < m.length; i++) {
            assertThat(m[i] == 0 || Math.abs(m[i] - f[i]) < 1e-12).isTrue();
            kept += m[i] != 0 ? 1 : 0;
        }
        assertThat(kept).isPositive().isLessThan(m.length);
    }

    @Test
    void theRegisteredVariantsTakeTheReferenceImagesAndTheirOwnDefaults() {
        AttributionOptions o = AttributionOptions.defaults().withReference(ReferenceImages.of(train));
        for (String name : List.of("iba", "inverse-iba", "regression-iba")) {
            Attribution a = Attributions.create(name, adapter, o);
            assertThat(a.name()).isEqualTo(name);
            INDArray map = a.attribute(images, Target.logit(0));
            assertThat(map.shape()).containsExactly(images.shape());
            assertThat(map.sumNumber().doubleValue()).isPositive();
        }
        assertThat(o.of("regression-iba", InformationBottleneck.Options.class).loss()).isEqualTo("squared-change");
        assertThatThrownBy(() -> options("squared-error", null, 1)).hasMessageContaining("label");
        assertThatThrownBy(() -> options("hinge", null, 1)).hasMessageContaining("sigmoid, softmax");
    }

    @Test
    void statisticsAreEstimatedOnceAndReadBackFromTheCache(@TempDir Path cache) throws Exception {
        int[] calls = {0};
        ReferenceImages inMemory = ReferenceImages.of(train);
        ReferenceImages counted = new ReferenceImages() {
            @Override
            public Iterable<INDArray> batches(int limit, int batchSize) {
                calls[0]++;
                return inMemory.batches(limit, batchSize);
            }

            @Override
            public int size() {
                return inMemory.size();
            }

            @Override
            public String fingerprint() {
                return "counted";
            }

            @Override
            public Optional<Path> cacheFolder() {
                return Optional.of(cache);
            }
        };
        TapStatistics first = TapStatistics.of(adapter, "stage2", counted, 40, 16);
        TapStatistics again = TapStatistics.of(adapter, "stage2", counted, 40, 16);
        assertThat(calls[0]).isEqualTo(1);
        assertThat(Files.list(cache.resolve("tap-statistics")).map(p -> p.getFileName().toString()))
                .containsExactly("stage2.bin");
        assertThat(again.mean()).containsExactly(first.mean());
        assertThat(again.std()).containsExactly(first.std());
        assertThat(first.images()).isEqualTo(40);
        // other images (or another model) are not served from the cache
        TapStatistics more = TapStatistics.of(adapter, "stage2", counted, 50, 16);
        assertThat(calls[0]).isEqualTo(2);
        assertThat(more.images()).isEqualTo(50);
        // and the estimate is the sample mean and standard deviation
        INDArray acts = adapter.activations(train.get(NDArrayIndex.interval(0, 40), NDArrayIndex.all(),
                NDArrayIndex.all(), NDArrayIndex.all()).dup(), "stage2");
        long[] shape = first.shape();
        int element = (int) (shape[1] * shape[2] + shape[2] + 1); // channel 1, row 1, column 1
        INDArray values = acts.get(NDArrayIndex.all(), NDArrayIndex.point(1), NDArrayIndex.point(1),
                NDArrayIndex.point(1));
        assertThat(first.mean()[element]).isCloseTo(values.meanNumber().doubleValue(),
                org.assertj.core.data.Offset.offset(1e-12));
        assertThat(first.std()[element]).isCloseTo(values.stdNumber().doubleValue(),
                org.assertj.core.data.Offset.offset(1e-12));
        Files.writeString(cache.resolve("tap-statistics").resolve("stage2.bin"), "damaged");
        assertThat(TapStatistics.of(adapter, "stage2", counted, 50, 16).mean()).containsExactly(more.mean());
        assertThat(Nd4j.createFromArray(first.mean()).length()).isEqualTo(first.length());
    }
}
