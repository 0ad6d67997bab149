package org.xai4j.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Training-mode parameter gradients of every registered architecture (tiny variant, double precision) against
 * central differences of {@code sum(w * logits)} for a sample of parameters. BN running statistics are skipped:
 * their gradient slots hold running-average updates, not derivatives.
 */
class GradientCheckTest {
    private static final int SAMPLES = 5;

    /**
     * One of each block type (basic, bottleneck, dense + transition, VGG + BN, instance norm) and the CIFAR ResNet's
     * stride-1 stem without max-pool; kept few for time.
     */
    static Stream<String> architectures() {
        return Stream.of("resnet18", "resnet50", "resnet-cifar", "densenet121-truncated", "vgg11-bn", "patch");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("architectures")
    void sampledParameterGradientsMatchCentralDifferences(String architecture) {
        ComputationGraph g = SmallModels.classifier(architecture, DataType.DOUBLE).graph();
        Nd4j.getRandom().setSeed(3);
        InputShape s = SmallModels.SHAPE;
        INDArray x = Nd4j.rand(DataType.DOUBLE, 2, s.channels(), s.height(), s.width());
        INDArray w = Nd4j.randn(DataType.DOUBLE, 2, SmallModels.OUTPUTS);
        g.feedForward(new INDArray[] {x}, true, false);
        g.backpropGradient(w);
        INDArray grads = g.getGradientsViewArray().dup();
        INDArray p = g.params(); // flat view; the gradient view has the same layout
        List<long[]> skipped = new ArrayList<>(); // [start, end) of BN running statistics in the flat view
        g.paramTable().forEach((k, view) -> {
            if (k.endsWith("_" + BatchNormalizationParamInitializer.GLOBAL_MEAN)
                    || k.endsWith("_" + BatchNormalizationParamInitializer.GLOBAL_LOG_STD)) {
                skipped.add(new long[] {view.offset() - p.offset(), view.offset() - p.offset() + view.length()});
            }
        });
        Random random = new Random(architecture.hashCode());
        double h = 1e-6;
        double largest = 0;
        for (int i = 0; i < SAMPLES; i++) {
            long j;
            do {
                j = (long) (random.nextDouble() * p.length());
            } while (isIn(j, skipped));
            double analytic = grads.getDouble(j);
            double v = p.getDouble(j);
            p.putScalar(j, v + h);
            double plus = loss(g, x, w);
            p.putScalar(j, v - h);
            double minus = loss(g, x, w);
            p.putScalar(j, v);
            double numeric = (plus - minus) / (2 * h);
            largest = Math.max(largest, Math.abs(numeric));
            assertThat(analytic).as("%s parameter %d", architecture, j)
                    .isCloseTo(numeric, offset(1e-5 + 1e-4 * Math.abs(numeric)));
        }
        assertThat(largest).as("some sampled gradient is not negligible").isGreaterThan(1e-4);
    }

    private static boolean isIn(long j, List<long[]> ranges) {
        return ranges.stream().anyMatch(r -> j >= r[0] && j < r[1]);
    }

    private static double loss(ComputationGraph g, INDArray x, INDArray w) {
        INDArray logits = g.feedForward(new INDArray[] {x}, true, true).get("logits");
        return logits.mul(w).sumNumber().doubleValue();
    }
}
