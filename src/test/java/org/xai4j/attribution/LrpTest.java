package org.xai4j.attribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.xai4j.testing.FiniteDifferences.relativeError;

import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.data.Split;
import org.xai4j.model.BatchNormAffine;
import org.xai4j.model.Classifier;
import org.xai4j.model.InputShape;
import org.xai4j.model.Mode;
import org.xai4j.model.ModelAdapter;
import org.xai4j.model.ModelDescription;
import org.xai4j.model.ModelOptions;
import org.xai4j.model.ModelRegistry;
import org.xai4j.model.Target;
import org.xai4j.testing.AttributionGraphs;
import org.xai4j.testing.FiniteDifferences;
import org.xai4j.testing.TrainedTinyModel;

/**
 * LRP on real graphs in double precision: epsilon-LRP equals Input x Gradient (DL4J's own backprop) on a trained
 * ResNet and on DenseNet and VGG graphs, every composite conserves relevance when biases and BatchNorm shifts are 0,
 * and the rules match a hand computation on a two-layer network.
 */
class LrpTest {
    private static Classifier trained;
    private static INDArray images; // pathological and healthy test images

    @BeforeAll
    static void trainTinyModel(@TempDir Path dir) {
        FiniteDifferences.singleThreaded();
        TrainedTinyModel model = TrainedTinyModel.train(dir, 2);
        trained = model.doublePrecision();
        images = model.features(model.data().split(Split.TEST).subList(0, 6));
    }

    private static Lrp allEpsilon(ModelAdapter a, double eps) {
        return new Lrp("lrp-epsilon", a, new Lrp.Options("epsilon", "epsilon", "epsilon", eps, null, null, null));
    }

    @Test
    void epsilonLrpIsInputTimesGradientOnATrainedResNetWithBatchNorm() {
        ModelAdapter a = new ModelAdapter(trained);
        Target t = Target.logit(0);
        INDArray ixg = a.inputGradient(images, t, Mode.INFERENCE).muli(images);
        INDArray lrp = allEpsilon(a, 1e-12).attribute(images, t);
        assertThat(relativeError(lrp, ixg)).isLessThan(1e-7);
        INDArray one = images.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(2, 3)).dup();
        assertThat(relativeError(allEpsilon(a, 1e-12).attribute(one, t), ixg.get(
                org.nd4j.linalg.indexing.NDArrayIndex.interval(2, 3)))).isLessThan(1e-7);
    }

    @Test
    void epsilonLrpIsInputTimesGradientOnDenseNetAndVgg() {
        for (String arch : List.of("densenet121-truncated", "vgg11-bn", "vgg11", "resnet50")) {
            List<Integer> reference = ModelRegistry.builder(arch).referenceBlocks();
            ModelOptions o = new ModelOptions(arch, 0.125, reference.isEmpty() ? null
                    : Collections.nCopies(reference.size(), 1), 0.0);
            Classifier c = Classifier.build(o, new InputShape(1, 32, 32), 3, 5, DataType.DOUBLE);
            randomiseBatchNorm(c);
            ModelAdapter a = new ModelAdapter(c);
            Target t = Target.perExample(new int[] {0, 2, 1, 0, 1, 2});
            INDArray ixg = a.inputGradient(images, t, Mode.INFERENCE).muli(images);
            assertThat(relativeError(allEpsilon(a, 1e-12).attribute(images, t), ixg)).as(arch).isLessThan(1e-6);
        }
    }

    /** Running statistics and affine parameters away from their initial 0 / 1, as after training. */
    private static void randomiseBatchNorm(Classifier c) {
        java.util.Random r = new java.util.Random(3);
        for (Layer l : c.graph().getLayers()) {
            if (l.conf().getLayer() instanceof BatchNormalization) {
                for (String key : l.paramTable().keySet()) {
                    INDArray p = l.getParam(key);
                    for (long i = 0; i < p.length(); i++) {
                        double v = switch (key) {
                            case BatchNormalizationParamInitializer.BETA, BatchNormalizationParamInitializer.GLOBAL_MEAN,
                                BatchNormalizationParamInitializer.GLOBAL_LOG_STD -> 0.2 * r.nextGaussian();
                            default -> 0.5 + r.nextDouble();
                        };
                        p.putScalar(i, v);
                    }
                }
            }
        }
    }

    /**
     * With biases and BatchNorm shifts 0 the relevance of the pixels sums to the explained logit. The z+ and
     * alpha-beta rules lose the relevance of a unit none of whose contributions has their sign, which happens in
     * residual networks (a BatchNorm output below 0 before the addition still gets relevance): they conserve on VGG,
     * the epsilon-type composites on both.
     */
    @Test
    void everyCompositeConservesTheLogitWhenBiasesAndBatchNormShiftsAreZero() {
        Classifier resnet = withoutShifts(TrainedTinyModel.doubleTwin(trained));
        assertConserves(resnet, List.of("lrp", "lrp-epsilon"));
        Classifier vgg = Classifier.build(new ModelOptions("vgg11-bn", 0.125, null, 0.0), new InputShape(1, 32, 32),
                1, 5, DataType.DOUBLE);
        randomiseBatchNorm(vgg);
        assertConserves(withoutShifts(vgg), List.of("lrp", "lrp-epsilon", "lrp-epsilon-plus-flat",
                "lrp-alpha2-beta1"));
    }

    private static Classifier withoutShifts(Classifier c) {
        for (Layer l : c.graph().getLayers()) {
            if (l.conf().getLayer() instanceof BatchNormalization) {
                BatchNormAffine affine = BatchNormAffine.of(l);
                l.getParam(BatchNormalizationParamInitializer.BETA).assign(affine.mean().mul(affine.scale())
                        .reshape(l.getParam(BatchNormalizationParamInitializer.BETA).shape()));
            } else if (l.paramTable().containsKey("b")) {
                l.getParam("b").assign(0);
            }
        }
        return c;
    }

    private static void assertConserves(Classifier c, List<String> composites) {
        ModelAdapter a = new ModelAdapter(c);
        INDArray logits = a.logits(images, Mode.INFERENCE);
        for (String name : composites) {
            Lrp.Options d = (Lrp.Options) Attributions.defaultOptions(name);
            INDArray r = Attributions.create(name, a, AttributionOptions.defaults().with(name,
                    new Lrp.Options(d.first(), d.conv(), d.dense(), 1e-12, null, null, null)))
                    .attribute(images, Target.logit(0));
            for (int n = 0; n < images.size(0); n++) {
                double z = logits.getDouble(n, 0);
                assertThat(r.slice(n).sumNumber().doubleValue()).as("%s %s image %d",
                        c.description().options().architecture(), name, n)
                        .isCloseTo(z, org.assertj.core.data.Offset.offset(1e-6 * Math.max(1, Math.abs(z))));
            }
        }
    }

    @Test
    void theRulesMatchAHandComputationOnATwoLayerNetwork() {
        Classifier c = AttributionGraphs.mlp(1);
        double[][] w1 = {{0.5, -1.0, 0.3}, {-0.2, 0.8, 0.6}, {1.1, 0.4, -0.7}, {-0.9, 0.2, 0.5}}; // 4 x 3
        double[] b1 = {0.1, -0.2, 0.05};
        double[][] w2 = {{1.0, -0.5}, {-0.6, 0.9}, {0.7, 0.3}}; // 3 x 2
        double[] b2 = {0.2, -0.1};
        c.graph().getLayer("hidden").getParam("W").assign(Nd4j.createFromArray(w1));
        c.graph().getLayer("hidden").getParam("b").assign(Nd4j.createFromArray(b1).reshape(1, 3));
        c.graph().getLayer("logits").getParam("W").assign(Nd4j.createFromArray(w2));
        c.graph().getLayer("logits").getParam("b").assign(Nd4j.createFromArray(b2).reshape(1, 2));
        double[] x = {0.8, -0.4, 1.2, 0.3};
        ModelAdapter a = new ModelAdapter(c);
        INDArray input = Nd4j.createFromArray(x).reshape(1, 1, 2, 2);
        double eps = 1e-6;
        for (LrpRule first : List.of(LrpRule.EPSILON, LrpRule.FLAT, LrpRule.ZPLUS, LrpRule.WSQUARE, LrpRule.GAMMA,
            LrpRule.ALPHA_BETA)) {
            for (LrpRule top : List.of(LrpRule.EPSILON, LrpRule.GAMMA, LrpRule.ALPHA_BETA)) {
                Lrp lrp = new Lrp("lrp", a, new Lrp.Options(first.label(), "epsilon", top.label(), eps, 0.25, 2.0,
                        1.0));
                double[] got = lrp.attribute(input, Target.logit(1)).data().asDouble();
                // by hand: forward, the output's relevance z_1, then each rule on each layer
                double[] h = new double[3];
                for (int j = 0; j < 3; j++) {
                    double s = b1[j];
                    for (int i = 0; i < 4; i++) {
                        s += x[i] * w1[i][j];
                    }
                    h[j] = Math.max(0, s);
                }
                double z1 = b2[1];
                for (int j = 0; j < 3; j++) {
                    z1 += h[j] * w2[j][1];
                }
                double[] rHidden = handRule(top, h, column(w2, 1), b2[1], z1, eps);
                double[] expected = new double[4];
                for (int j = 0; j < 3; j++) {
                    double[] share = handRule(first, x, column(w1, j), b1[j], rHidden[j], eps);
                    for (int i = 0; i < 4; i++) {
                        expected[i] += share[i];
                    }
                }
                assertThat(got).as("%s / %s", first, top).containsExactly(expected,
                        org.assertj.core.data.Offset.offset(1e-12));
            }
        }
    }

    private static double[] column(double[][] w, int j) {
        double[] c = new double[w.length];
        for (int i = 0; i < w.length; i++) {
            c[i] = w[i][j];
        }
        return c;
    }

    /** The relevance shares of the inputs a_i of one output z = sum_i a_i w_i + b carrying relevance r. */
    private static double[] handRule(LrpRule rule, double[] a, double[] w, double b, double r, double eps) {
        int n = a.length;
        double[] out = new double[n];
        double[] c = new double[n]; // contributions under the rule
        double[] cn = new double[n]; // negative contributions (alpha-beta)
        double bias = 0;
        switch (rule) {
            case EPSILON -> {
                for (int i = 0; i < n; i++) {
                    c[i] = a[i] * w[i];
                }
                bias = b;
            }
            case GAMMA -> {
                // the output's sign decides which contributions are boosted (Zennit's generalised gamma)
                double z = b;
                for (int i = 0; i < n; i++) {
                    z += a[i] * w[i];
                }
                boolean up = z > 0;
                for (int i = 0; i < n; i++) {
                    boolean boost = up == (a[i] * w[i] > 0);
                    c[i] = a[i] * w[i] * (boost ? 1.25 : 1);
                }
                bias = b * ((b > 0) == up ? 1.25 : 1);
            }
            case ZPLUS -> {
                for (int i = 0; i < n; i++) {
                    c[i] = Math.max(0, a[i] * w[i]);
                }
                bias = Math.max(0, b);
            }
            case ALPHA_BETA -> {
                for (int i = 0; i < n; i++) {
                    c[i] = Math.max(0, a[i] * w[i]);
                    cn[i] = Math.min(0, a[i] * w[i]);
                }
                bias = Math.max(0, b);
            }
            case FLAT -> java.util.Arrays.fill(c, 1.0);
            case WSQUARE -> {
                for (int i = 0; i < n; i++) {
                    c[i] = w[i] * w[i];
                }
            }
            default -> throw new IllegalStateException();
        }
        double z = bias;
        double zn = rule == LrpRule.ALPHA_BETA ? Math.min(0, b) : 0;
        for (int i = 0; i < n; i++) {
            z += c[i];
            zn += cn[i];
        }
        z += z >= 0 ? eps : -eps;
        zn += zn >= 0 ? eps : -eps;
        for (int i = 0; i < n; i++) {
            out[i] = rule == LrpRule.ALPHA_BETA ? r * (2 * c[i] / z - cn[i] / zn) : r * c[i] / z;
        }
        return out;
    }

    @Test
    void instanceNormalisationIsAnAffineMapWithTheImagesStatisticsHeldConstant() {
        // input 2 x 3 x 3 -> instance norm (gamma, beta) -> global average -> one logit (weights w, bias 0)
        Classifier c = pooledLogit(new InputShape(2, 3, 3), org.deeplearning4j.nn.conf.layers.PoolingType.AVG, true);
        double[] gamma = {1.5, -0.7};
        double[] beta = {0.3, 0.9};
        double[] w = {0.8, -1.2};
        c.graph().getLayer("norm").getParam("gamma").assign(Nd4j.createFromArray(gamma).reshape(1, 2));
        c.graph().getLayer("norm").getParam("beta").assign(Nd4j.createFromArray(beta).reshape(1, 2));
        c.graph().getLayer("logits").getParam("W").assign(Nd4j.createFromArray(w).reshape(2, 1));
        c.graph().getLayer("logits").getParam("b").assign(0);
        java.util.Random r = new java.util.Random(4);
        double[] x = r.doubles(18).map(v -> 2 * v - 0.5).toArray();
        double eps = 1e-9;
        double[] got = allEpsilon(new ModelAdapter(c), eps).attribute(Nd4j.create(x, new long[] {1, 2, 3, 3},
                DataType.DOUBLE), Target.logit(0)).data().asDouble();
        for (int ch = 0; ch < 2; ch++) {
            double mean = 0;
            for (int i = 0; i < 9; i++) {
                mean += x[ch * 9 + i] / 9;
            }
            double var = 0;
            for (int i = 0; i < 9; i++) {
                var += (x[ch * 9 + i] - mean) * (x[ch * 9 + i] - mean) / 9;
            }
            double s = gamma[ch] / Math.sqrt(var + 1e-5);
            double[] y = new double[9];
            double pooled = 0;
            for (int i = 0; i < 9; i++) {
                y[i] = s * (x[ch * 9 + i] - mean) + beta[ch];
                pooled += y[i] / 9;
            }
            double rPooled = pooled * w[ch]; // the dense layer's epsilon rule with no bias: each input's share
            for (int i = 0; i < 9; i++) {
                double rY = y[i] / 9 / pooled * rPooled;
                double expected = s * x[ch * 9 + i] * rY / y[i];
                assertThat(got[ch * 9 + i]).as("channel %d pixel %d", ch, i).isCloseTo(expected,
                        org.assertj.core.data.Offset.offset(1e-6));
            }
        }
    }

    @Test
    void unsupportedVerticesAreNamed() {
        Classifier c = pooledLogit(new InputShape(1, 4, 4), org.deeplearning4j.nn.conf.layers.PoolingType.MAX, false);
        assertThatThrownBy(() -> Attributions.create("lrp", new ModelAdapter(c)))
                .hasMessageContaining("lrp: vertex 'pool'").hasMessageContaining("GlobalPoolingLayer");
        Classifier patch = Classifier.build(new ModelOptions("patch", 0.125, null, 0.0), new InputShape(1, 32, 32), 1,
                1, DataType.DOUBLE);
        INDArray map = Attributions.create("lrp", new ModelAdapter(patch)).attribute(images, Target.logit(0));
        assertThat(java.util.Arrays.stream(map.data().asDouble()).allMatch(Double::isFinite)).isTrue();
        assertThatThrownBy(() -> new Lrp.Options("fancy", null, null, null, null, null, null))
                .hasMessageContaining("first").hasMessageContaining("zplus");
    }

    /** input -> [instance norm] -> global pooling -> one identity dense logit, in double. */
    private static Classifier pooledLogit(InputShape shape, org.deeplearning4j.nn.conf.layers.PoolingType pooling,
                                          boolean norm) {
        var g = new org.deeplearning4j.nn.conf.NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE)
                .graphBuilder().addInputs("input").setInputTypes(org.deeplearning4j.nn.conf.inputs.InputType
                        .convolutional(shape.height(), shape.width(), shape.channels()));
        if (norm) {
            g.addLayer("norm", org.xai4j.model.InstanceNormalization.create(), "input");
        }
        g.addLayer("pool", new org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer.Builder(pooling).build(),
                norm ? "norm" : "input");
        g.addLayer("logits", new org.deeplearning4j.nn.conf.layers.DenseLayer.Builder().nOut(1)
                .activation(org.nd4j.linalg.activations.Activation.IDENTITY).build(), "pool");
        return new Classifier(Classifier.newGraph(g.setOutputs("logits").build()), new ModelDescription(
                ModelOptions.of("test-pooled"), shape, 1, "input", "logits", java.util.Map.of(), java.util.Map.of()));
    }
}
