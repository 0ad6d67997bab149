package org.xai4j.attribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.xai4j.testing.FiniteDifferences.relativeError;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.xai4j.data.Split;
import org.xai4j.model.Classifier;
import org.xai4j.model.GatedGraph;
import org.xai4j.model.InputShape;
import org.xai4j.model.Mode;
import org.xai4j.model.ModelAdapter;
import org.xai4j.model.ModelOptions;
import org.xai4j.model.Target;
import org.xai4j.testing.FiniteDifferences;
import org.xai4j.testing.TrainedTinyModel;

/** PathwayGrad on a trained ResNet in double precision: reductions, neuron contributions and the surrogate. */
class PathwayGradTest {
    private static ModelAdapter adapter;
    private static INDArray images;
    private static final Target TARGET = Target.logit(0);

    @BeforeAll
    static void trainTinyModel(@TempDir Path dir) {
        FiniteDifferences.singleThreaded();
        TrainedTinyModel model = TrainedTinyModel.train(dir, 2);
        adapter = new ModelAdapter(model.doublePrecision());
        images = model.features(model.data().split(Split.TEST).subList(0, 4));
    }

    @Test
    void withNoSparsityItIsThePlainGradient() {
        INDArray grad = adapter.inputGradient(images, TARGET, Mode.INFERENCE);
        for (PathwayGrad.Contribution c : PathwayGrad.Contribution.values()) {
            PathwayGrad p = new PathwayGrad("pathwaygrad", adapter, c, new PathwayGrad.Options(0.0, 4, null));
            assertThat(relativeError(p.attribute(images, TARGET), grad)).as(c.name()).isLessThan(1e-12);
        }
        assertThat(new PathwayGrad("p", adapter, PathwayGrad.Contribution.MCT, PathwayGrad.Options.defaults())
                .sparsity()).isEqualTo(0.7);
        Classifier vgg = Classifier.build(new ModelOptions("vgg11-bn", 0.125, null, 0.0), new InputShape(1, 32, 32), 1,
                1, DataType.FLOAT);
        assertThat(new PathwayGrad("p", new ModelAdapter(vgg), PathwayGrad.Contribution.MCT,
                PathwayGrad.Options.defaults()).sparsity()).isEqualTo(0.9);
    }

    @Test
    void deadNeuronsContributeNothingAndNeuronMctIsActivationTimesGradient() {
        for (PathwayGrad.Contribution c : PathwayGrad.Contribution.values()) {
            PathwayGrad p = new PathwayGrad("p", adapter, c, new PathwayGrad.Options(null, 8, null));
            Map<String, INDArray> acts = new LinkedHashMap<>();
            Map<String, INDArray> scores = p.contributions(images, TARGET, acts);
            assertThat(scores.keySet()).hasSizeGreaterThan(5);
            long dead = 0;
            for (String l : scores.keySet()) {
                double[] a = acts.get(l).dup().data().asDouble();
                double[] s = scores.get(l).dup().data().asDouble();
                for (int i = 0; i < a.length; i++) {
                    if (a[i] == 0) {
                        dead++;
                        assertThat(s[i]).as("%s %s neuron %d", c, l, i).isZero();
                    }
                }
            }
            assertThat(dead).isPositive();
        }
        // MCT against the tap gradient of the plain model at a stage output (a ReLU output of the ResNet)
        PathwayGrad mct = new PathwayGrad("p", adapter, PathwayGrad.Contribution.MCT, PathwayGrad.Options.defaults());
        Map<String, INDArray> acts = new LinkedHashMap<>();
        Map<String, INDArray> scores = mct.contributions(images, TARGET, acts);
        String stage = adapter.classifier().description().tapVertex("stage2");
        var tap = adapter.tap(images, "stage2", TARGET, Mode.INFERENCE);
        assertThat(relativeError(scores.get(stage), tap.activations().mul(tap.gradient()))).isLessThan(1e-12);
    }

    /**
     * Layer by layer, NeuronIntGrad sums to {@code sum_q w_q dS(alpha_q a)/dalpha} (the quadrature of the path
     * integral, checked against central differences of the logit along the path), which approximates
     * {@code S(x) - S(layer = 0)}; on a ReLU network the integrand is piecewise constant, so the quadrature error is
     * of the order of 1/steps.
     */
    @Test
    void neuronIntGradIsCompleteLayerByLayer() {
        INDArray two = images.get(NDArrayIndex.interval(0, 2)).dup();
        int steps = 8;
        Map<String, INDArray> scores = new PathwayGrad("p", adapter, PathwayGrad.Contribution.INTGRAD,
                new PathwayGrad.Options(null, steps, null)).contributions(two, TARGET, new LinkedHashMap<>());
        Map<String, INDArray> fine = new PathwayGrad("p", adapter, PathwayGrad.Contribution.INTGRAD,
                new PathwayGrad.Options(null, 64, null)).contributions(two, TARGET, new LinkedHashMap<>());
        Quadrature.Nodes q = Quadrature.GAUSS_LEGENDRE.nodes(steps);
        GatedGraph gated = GatedGraph.of(adapter.classifier());
        ModelAdapter g = new ModelAdapter(gated.classifier());
        INDArray full = g.logits(two, Mode.INFERENCE);
        double h = 1e-6;
        for (String l : scores.keySet()) {
            double[] path = new double[2];
            for (int i = 0; i < steps; i++) {
                gated.gates().scale(l, q.alphas()[i] + h);
                INDArray up = g.logits(two, Mode.INFERENCE);
                gated.gates().scale(l, q.alphas()[i] - h);
                INDArray down = g.logits(two, Mode.INFERENCE);
                for (int n = 0; n < 2; n++) {
                    path[n] += q.weights()[i] * (up.getDouble(n, 0) - down.getDouble(n, 0)) / (2 * h);
                }
            }
            gated.gates().scale(l, 0);
            INDArray off = g.logits(two, Mode.INFERENCE);
            gated.gates().reset();
            for (int n = 0; n < 2; n++) {
                double sum = scores.get(l).get(NDArrayIndex.point(n)).sumNumber().doubleValue();
                assertThat(sum).as("%s image %d", l, n).isCloseTo(path[n],
                        org.assertj.core.data.Offset.offset(1e-6 * Math.max(1, Math.abs(path[n]))));
                double expected = full.getDouble(n, 0) - off.getDouble(n, 0);
                assertThat(fine.get(l).get(NDArrayIndex.point(n)).sumNumber().doubleValue()).as("%s image %d", l, n)
                        .isCloseTo(expected, org.assertj.core.data.Offset.offset(0.1 * Math.abs(expected) + 1e-2));
            }
        }
    }

    @Test
    void theMapIsTheGradientOfTheSurrogateWhoseOtherNeuronsAreConstants() {
        PathwayGrad p = new PathwayGrad("p", adapter, PathwayGrad.Contribution.MCT, new PathwayGrad.Options(0.7, null,
                null));
        INDArray map = p.attribute(images, TARGET);
        // the pathway by hand: per image, the 70% lowest |a * dS/da| leave it
        Map<String, INDArray> acts = new LinkedHashMap<>();
        Map<String, INDArray> scores = p.contributions(images, TARGET, acts);
        Map<String, INDArray> keep = new LinkedHashMap<>();
        scores.forEach((l, sc) -> keep.put(l, Nd4j.ones(DataType.DOUBLE, sc.shape())));
        for (int n = 0; n < images.size(0); n++) {
            List<double[]> all = new ArrayList<>(); // |score|, index in the image's neurons
            for (INDArray sc : scores.values()) {
                for (double v : sc.get(NDArrayIndex.point(n)).dup().data().asDouble()) {
                    all.add(new double[] {Math.abs(v), all.size()});
                }
            }
            all.sort((u, v) -> Double.compare(u[0], v[0]));
            boolean[] out = new boolean[all.size()];
            for (int i = 0; i < (int) Math.floor(0.7 * all.size()); i++) {
                out[(int) all.get(i)[1]] = true;
            }
            int at = 0;
            for (INDArray k : keep.values()) {
                INDArray row = k.get(NDArrayIndex.point(n));
                for (int i = 0; i < row.length(); i++) {
                    if (out[at + i]) {
                        row.putScalar(i, 0);
                    }
                }
                at += (int) row.length();
            }
        }
        GatedGraph gated = GatedGraph.of(adapter.classifier());
        keep.forEach((l, k) -> gated.gates().pathway(l, k, acts.get(l)));
        ModelAdapter surrogate = new ModelAdapter(gated.classifier());
        java.util.Random r = new java.util.Random(2);
        double h = 1e-6;
        for (int k = 0; k < 24; k++) {
            int n = r.nextInt((int) images.size(0));
            int y = r.nextInt(32);
            int x = r.nextInt(32);
            INDArray up = images.dup();
            INDArray down = images.dup();
            up.putScalar(new long[] {n, 0, y, x}, images.getDouble(n, 0, y, x) + h);
            down.putScalar(new long[] {n, 0, y, x}, images.getDouble(n, 0, y, x) - h);
            double fd = (surrogate.logits(up, Mode.INFERENCE).getDouble(n, 0)
                    - surrogate.logits(down, Mode.INFERENCE).getDouble(n, 0)) / (2 * h);
            assertThat(map.getDouble(n, 0, y, x)).as("image %d pixel %d,%d", n, y, x)
                    .isCloseTo(fd, org.assertj.core.data.Offset.offset(1e-6 + 1e-4 * Math.abs(fd)));
        }
        INDArray plain = adapter.inputGradient(images, TARGET, Mode.INFERENCE);
        assertThat(relativeError(map, plain)).as("the pathway changes the map").isGreaterThan(1e-3);
        assertThatThrownBy(() -> new PathwayGrad.Options(1.0, null, null)).hasMessageContaining("sparsity");
        INDArray opened = new PathwayGrad("p", adapter, PathwayGrad.Contribution.MCT, new PathwayGrad.Options(0.7,
                null, 1)).attribute(images, TARGET);
        assertThat(opened.minNumber().doubleValue()).isGreaterThanOrEqualTo(0);
        assertThat(Arrays.stream(opened.dup().data().asDouble()).sum()).isLessThan(Arrays.stream(
                org.nd4j.linalg.ops.transforms.Transforms.abs(map).dup().data().asDouble()).sum());
    }
}
