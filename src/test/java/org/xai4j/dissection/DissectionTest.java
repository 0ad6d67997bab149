package org.xai4j.dissection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.xai4j.attribution.Bilinear;
import org.xai4j.data.Sample;
import org.xai4j.data.Split;
import org.xai4j.data.TransformOptions;
import org.xai4j.data.Transforms;
import org.xai4j.model.Classifier;
import org.xai4j.model.InputShape;
import org.xai4j.model.ModelAdapter;
import org.xai4j.model.ModelDescription;
import org.xai4j.model.ModelOptions;

/** The dissection's parts against direct computations, and a planted detector found at IoU 1. */
class DissectionTest {
    @Test
    void streamingThresholdsMatchTheExactQuantileInRank() {
        Random r = new Random(3);
        int units = 3;
        int n = 80;
        int side = 16;
        UnitThresholds t = new UnitThresholds(units, 200);
        List<double[]> values = new ArrayList<>();
        for (int k = 0; k < units; k++) {
            values.add(new double[2 * n * side * side]);
        }
        int[] filled = new int[units];
        for (int batch = 0; batch < 2; batch++) {
            INDArray a = Nd4j.create(DataType.FLOAT, n, units, side, side);
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < units; k++) {
                    for (int p = 0; p < side * side; p++) {
                        // a ReLU-like unit (many zeros), an exponential tail, a two-mode mixture
                        double v = switch (k) {
                            case 0 -> Math.max(0, r.nextGaussian());
                            case 1 -> -Math.log(1 - r.nextDouble());
                            default -> r.nextDouble() < 0.9 ? r.nextGaussian() : 8 + r.nextGaussian();
                        };
                        a.putScalar(new long[] {i, k, p / side, p % side}, v);
                        values.get(k)[filled[k]++] = (float) v;
                    }
                }
            }
            t.add(a);
        }
        for (double top : new double[] {0.005, 0.01, 0.05}) {
            double[] thresholds = t.thresholds(top);
            for (int k = 0; k < units; k++) {
                double[] v = values.get(k);
                double threshold = thresholds[k];
                long above = Arrays.stream(v).filter(x -> x > threshold).count();
                assertThat(Math.abs((double) above / v.length - top)).as("unit " + k + " at " + top)
                        .isLessThanOrEqualTo(1e-3);
            }
        }
    }

    @Test
    void iouIsTheDataSetWideRatioOverImagesWithTheConcept() {
        Random r = new Random(5);
        int n = 4;
        int units = 2;
        INDArray a = Nd4j.rand(DataType.DOUBLE, n, units, 4, 4);
        double[] thresholds = {0.6, 0.4};
        List<Map<String, boolean[]>> concepts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            boolean[] m = new boolean[64];
            for (int p = 0; p < 64; p++) {
                m[p] = r.nextDouble() < 0.3;
            }
            concepts.add(i == 2 ? Map.of() : Map.of("lesion", m)); // image 2 has no lesion: not counted
        }
        IouAccumulator acc = new IouAccumulator(thresholds);
        acc.add(a.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 2)), concepts.subList(0, 2), 8, 8, 0);
        acc.add(a.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(2, 4)), concepts.subList(2, 4), 8, 8, 2);
        for (int k = 0; k < units; k++) {
            long inter = 0;
            long union = 0;
            for (int i = 0; i < n; i++) {
                if (i == 2) {
                    continue;
                }
                double[] map = new double[16];
                for (int p = 0; p < 16; p++) {
                    map[p] = a.getDouble(i, k, p / 4, p % 4);
                }
                double[] up = Bilinear.resize(map, 4, 4, 8, 8);
                boolean[] m = concepts.get(i).get("lesion");
                for (int p = 0; p < 64; p++) {
                    boolean on = up[p] > thresholds[k];
                    inter += on && m[p] ? 1 : 0;
                    union += on || m[p] ? 1 : 0;
                }
            }
            assertThat(acc.iou(k, "lesion")).isEqualTo((double) inter / union);
        }
        assertThat(acc.concepts()).containsExactly("lesion");
    }

    /**
     * Two-channel images: channel 0 is bright exactly on the lesion, channel 1 is noise. Unit 0 of the tap copies
     * channel 0 (weights set by hand), unit 1 copies the noise: unit 0 is the lesion detector at IoU 1, unit 1 none.
     */
    @Test
    void aPlantedLesionDetectorIsFoundAtIouOneAndANoiseUnitIsNot() {
        int side = 16;
        Random r = new Random(9);
        List<Sample> samples = new ArrayList<>();
        long lesionPixels = 0;
        for (int i = 0; i < 40; i++) {
            float[] px = new float[2 * side * side];
            float[] lesion = new float[side * side];
            if (i % 2 == 0) {
                int y = 2 + r.nextInt(10);
                int x = 2 + r.nextInt(10);
                for (int dy = 0; dy < 3; dy++) {
                    for (int dx = 0; dx < 3; dx++) {
                        lesion[(y + dy) * side + x + dx] = 1;
                    }
                }
                lesionPixels += 9;
            }
            for (int p = 0; p < side * side; p++) {
                px[p] = lesion[p] > 0 ? 0.9f + 0.1f * r.nextFloat() : 0.1f * r.nextFloat();
                px[side * side + p] = r.nextFloat();
            }
            samples.add(new Sample("img-" + i, px, 2, side, side, new float[] {i % 2 == 0 ? 1 : 0}, lesion,
                    Map.of("lesion", lesion), List.of(), Split.TEST));
        }
        Classifier c = planted(side);
        double top = (double) lesionPixels / (samples.size() * side * side);
        List<UnitLabel> units = Dissection.run(new ModelAdapter(c), samples, List.of("pathological"),
                new Transforms(TransformOptions.defaults()), new DissectionOptions(List.of("copy"), top, 0.04, 16,
                        null));
        assertThat(units).hasSize(2);
        assertThat(units.get(0).bestConcept()).isEqualTo("lesion");
        assertThat(units.get(0).bestIou()).isGreaterThan(0.95);
        assertThat(units.get(0).detector()).isTrue();
        assertThat(units.get(1).bestIou()).as("the noise unit").isLessThan(0.04);
        assertThat(units.get(1).detector()).isFalse();
        assertThat(units.get(0).topImages()).hasSize(IouAccumulator.TOP)
                .allSatisfy(i -> assertThat(i % 2).as("the brightest images are lesion images").isZero());
        org.xai4j.report.HtmlReport report = new org.xai4j.report.HtmlReport("planted");
        DissectionReport.section(report, "best", new ModelAdapter(c), units, samples, List.of("pathological"),
                new Transforms(TransformOptions.defaults()));
        assertThat(report.render()).contains("copy: 1 of 2 units are detectors", "unit 0: lesion, IoU 1.000",
                "data:image/png;base64,");
        // semantic attribution: both units ranked by importance, the planted one carrying its dissection label
        org.nd4j.linalg.api.ndarray.INDArray x = org.xai4j.data.BatchIterator.of(samples.subList(0, 1), 1).epoch(0)
                .iterator().next().features();
        List<SemanticAttribution.Unit> ranked = SemanticAttribution.topUnits(
                new org.xai4j.attribution.UnitIntegratedGradients(new ModelAdapter(c),
                        new org.xai4j.attribution.UnitIntegratedGradients.Options("copy", 16)), x,
                org.xai4j.model.Target.logit(0), units, 2).get(0);
        assertThat(ranked).hasSize(2);
        assertThat(ranked.get(0).importance()).isGreaterThanOrEqualTo(ranked.get(1).importance());
        SemanticAttribution.Unit lesionUnit = ranked.stream().filter(u -> u.unit() == 0).findFirst().orElseThrow();
        assertThat(lesionUnit.label()).isEqualTo("lesion");
        assertThat(ranked.stream().filter(u -> u.unit() == 1).findFirst().orElseThrow().label()).isEmpty();
        assertThat(lesionUnit.map()).hasSize(side * side);
    }

    /** input (2 channels) -> 1x1 convolution "copy" (unit k = channel k) -> global average pooling -> dense. */
    static Classifier planted(int side) {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(1).dataType(DataType.FLOAT)
                .updater(new Sgd(0.1)).weightInit(WeightInit.XAVIER).convolutionMode(ConvolutionMode.Same)
                .graphBuilder().addInputs("input").setInputTypes(InputType.convolutional(side, side, 2))
                .addLayer("copy", new ConvolutionLayer.Builder(1, 1).nOut(2).activation(Activation.IDENTITY).build(),
                        "input")
                .addLayer("gap", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), "copy")
                .addLayer("logits", new DenseLayer.Builder().nOut(1).activation(Activation.IDENTITY).build(), "gap")
                .setOutputs("logits").build();
        ModelDescription d = new ModelDescription(ModelOptions.of("test-planted"), new InputShape(2, side, side), 1,
                "input", "logits", Map.of("copy", "copy", ModelDescription.LAST_CONV, "copy"),
                Map.of("all", List.of("copy", "logits")));
        Classifier c = new Classifier(Classifier.newGraph(conf), d);
        INDArray w = c.graph().getLayer("copy").getParam("W"); // [out, in, 1, 1]
        w.assign(0);
        w.putScalar(new long[] {0, 0, 0, 0}, 1);
        w.putScalar(new long[] {1, 1, 0, 0}, 1);
        c.graph().getLayer("copy").getParam("b").assign(0);
        return c;
    }
}
