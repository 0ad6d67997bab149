package org.xai4j.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xai4j.testing.FiniteDifferences.relativeError;

import java.util.List;
import java.util.Map;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.xai4j.testing.FiniteDifferences;
import org.xai4j.testing.TestGraphs;

/**
 * BatchNorm handling of {@link ModelAdapter} (DESIGN.md decisions 4 and 5): the folded inference twin, why it
 * exists, running statistics, and that gradient calls leave every parameter untouched.
 */
class ModelAdapterBatchNormTest {
    @BeforeAll
    static void threads() {
        FiniteDifferences.singleThreaded();
    }

    private static double objective(ModelAdapter a, INDArray x, INDArray w, Mode mode) {
        return a.logits(x, mode).mul(w).sumNumber().doubleValue();
    }

    private static INDArray weights(int n, long seed) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.rand(DataType.DOUBLE, n, 2).subi(0.5);
    }

    @Test
    void foldedTwinReproducesInferenceLogitsForBothVarianceStoragesAnd2dBatchNorm() {
        for (Classifier c : List.of(TestGraphs.residualConcat(DataType.DOUBLE, 1, Double.NaN, true),
                TestGraphs.residualConcat(DataType.DOUBLE, 1, Double.NaN, false),
                TestGraphs.residualConcat(DataType.DOUBLE, 1, 0.5, true), TestGraphs.tiny(DataType.DOUBLE, 2))) {
            ModelAdapter a = new ModelAdapter(c);
            INDArray x = TestGraphs.input(c.description().inputShape(), 4, DataType.DOUBLE, 3);
            INDArray live = c.graph().output(false, x)[0];
            INDArray twin = a.inferenceTwin().output(false, x)[0];
            assertThat(relativeError(twin, live)).isLessThan(1e-12);
            assertThat(a.logits(x, Mode.INFERENCE)).isEqualTo(live);
        }
    }

    /**
     * lockGammaBeta (fixed gamma/beta, including DL4J M2.1's quirk of applying them only when gamma != 1 and
     * beta != 0) and an activation set on the BN layer (which M2.1's BatchNormalization ignores).
     */
    @Test
    void foldReproducesLockedGammaBetaAndIgnoresBatchNormActivation() {
        double[][] gammaBeta = {{2.0, 0.5}, {2.0, 0.0}, {1.0, 0.3}};
        for (double[] gb : gammaBeta) {
            org.deeplearning4j.nn.conf.ComputationGraphConfiguration conf =
                    new org.deeplearning4j.nn.conf.NeuralNetConfiguration.Builder().seed(1).dataType(DataType.DOUBLE)
                            .graphBuilder().addInputs("input")
                            .setInputTypes(org.deeplearning4j.nn.conf.inputs.InputType.convolutional(4, 4, 1))
                            .addLayer("conv", new org.deeplearning4j.nn.conf.layers.ConvolutionLayer.Builder(3, 3)
                                    .nOut(2).activation(org.nd4j.linalg.activations.Activation.IDENTITY).build(), "input")
                            .addLayer("bn", new org.deeplearning4j.nn.conf.layers.BatchNormalization.Builder()
                                    .lockGammaBeta(true).gamma(gb[0]).beta(gb[1])
                                    .activation(org.nd4j.linalg.activations.Activation.RELU).build(), "conv")
                            .addLayer("gap", new org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer.Builder(
                                    org.deeplearning4j.nn.conf.layers.PoolingType.AVG).build(), "bn")
                            .addLayer("logits", new org.deeplearning4j.nn.conf.layers.DenseLayer.Builder().nOut(2)
                                    .activation(org.nd4j.linalg.activations.Activation.IDENTITY).build(), "gap")
                            .setOutputs("logits").build();
            InspectableGraph g = Classifier.newGraph(conf);
            g.getLayer("bn").getParam("mean").assign(Nd4j.create(new double[] {0.2, -0.1}).reshape(g.getLayer("bn")
                    .getParam("mean").shape()));
            g.getLayer("bn").getParam("log10stdev").assign(-0.2);
            ModelDescription d = new ModelDescription(ModelOptions.of("locked"), TestGraphs.TINY_INPUT, 2, "input",
                    "logits", Map.of(ModelDescription.LAST_CONV, "bn"), Map.of("all", List.of("conv", "bn", "logits")));
            ModelAdapter a = new ModelAdapter(new Classifier(g, d));
            INDArray x = TestGraphs.input(TestGraphs.TINY_INPUT, 3, DataType.DOUBLE, 2);
            assertThat(relativeError(a.inferenceTwin().output(false, x)[0], g.output(false, x)[0]))
                    .as("gamma %s beta %s", gb[0], gb[1]).isLessThan(1e-12);
            INDArray w = weights(3, 3);
            INDArray grad = a.inputGradient(x, Target.weights(w), Mode.INFERENCE);
            INDArray s = FiniteDifferences.sampled(v -> objective(a, v, w, Mode.INFERENCE), x.dup(), grad, 20, 4, 1e-6);
            assertThat(relativeError(s.getRow(2), s.getRow(1))).isLessThan(1e-5);
        }
    }

    @Test
    void naiveInferenceModeBackpropThroughBatchNormIsWrongWhichIsWhyTheTwinExists() {
        Classifier c = TestGraphs.residualConcat(DataType.DOUBLE, 4);
        ModelAdapter a = new ModelAdapter(c);
        INDArray x = TestGraphs.input(TestGraphs.RESIDUAL_INPUT, 3, DataType.DOUBLE, 5);
        INDArray w = weights(3, 6);
        // DL4J M2.1 route on the live graph: inference forward, then backprop
        c.graph().forwardKeepingInputs(x, false);
        c.graph().backpropKeepingEpsilons(w.dup());
        INDArray naive = c.graph().epsilonOf("input");
        c.graph().clearPass();
        INDArray folded = a.inputGradient(x, Target.weights(w), Mode.INFERENCE);
        INDArray s = FiniteDifferences.sampled(v -> objective(a, v, w, Mode.INFERENCE), x.dup(), folded, 40, 7, 1e-6);
        INDArray naiveAtSamples = Nd4j.zeros(DataType.DOUBLE, 40);
        for (int j = 0; j < 40; j++) {
            naiveAtSamples.putScalar(j, naive.reshape(naive.length()).getDouble(s.getLong(0, j)));
        }
        assertThat(relativeError(s.getRow(2), s.getRow(1))).isLessThan(1e-5);
        assertThat(relativeError(naiveAtSamples, s.getRow(1))).isGreaterThan(0.05);
    }

    @Test
    void gradientCallsLeaveAllParametersIncludingRunningStatisticsBitIdentical() {
        Classifier c = TestGraphs.residualConcat(DataType.DOUBLE, 8);
        ModelAdapter a = new ModelAdapter(c);
        INDArray x = TestGraphs.input(TestGraphs.RESIDUAL_INPUT, 3, DataType.DOUBLE, 9);
        INDArray xCopy = x.dup();
        INDArray before = c.graph().params().dup();
        for (Mode m : Mode.values()) {
            a.logits(x, m);
            a.inputGradient(x, Target.logit(0), m);
            a.tap(x, ModelDescription.LAST_CONV, Target.logit(1), m);
            a.parameterGradient(x, Target.logit(1), m);
            a.forward(x, m);
            a.backward(weights(3, 10), true);
        }
        assertThat(c.graph().params()).isEqualTo(before);
        assertThat(x).isEqualTo(xCopy);
    }

    @Test
    void twinFollowsParameterChangesOfTheLiveGraph() {
        Classifier c = TestGraphs.residualConcat(DataType.DOUBLE, 11);
        ModelAdapter a = new ModelAdapter(c);
        INDArray x = TestGraphs.input(TestGraphs.RESIDUAL_INPUT, 2, DataType.DOUBLE, 12);
        INDArray g0 = a.inputGradient(x, Target.logit(0), Mode.INFERENCE);
        // change a conv weight, a BN gamma and a BN running statistic in the live graph
        c.graph().getLayer("conv1").getParam("W").muli(1.3);
        c.graph().getLayer("bn2").getParam(BatchNormalizationParamInitializer.GAMMA).muli(0.7);
        c.graph().getLayer("bn1").getParam(BatchNormalizationParamInitializer.GLOBAL_MEAN).addi(0.2);
        INDArray g1 = a.inputGradient(x, Target.logit(0), Mode.INFERENCE);
        assertThat(relativeError(g1, g0)).isGreaterThan(1e-2);
        // same as an adapter built fresh on the changed parameters
        ModelAdapter fresh = new ModelAdapter(c);
        assertThat(relativeError(g1, fresh.inputGradient(x, Target.logit(0), Mode.INFERENCE))).isLessThan(1e-15);
        assertThat(relativeError(a.inferenceTwin().output(false, x)[0], c.graph().output(false, x)[0]))
                .isLessThan(1e-12);
    }

    @Test
    void trainingPassWritesRunningStatisticUpdatesIntoTheGradientWhichTheUpdaterAppliesUnscaled() {
        for (boolean logStd : new boolean[] {true, false}) {
            Classifier c = TestGraphs.residualConcat(DataType.DOUBLE, 13, Double.NaN, logStd);
            ModelAdapter a = new ModelAdapter(c);
            int n = 3;
            INDArray x = TestGraphs.input(TestGraphs.RESIDUAL_INPUT, n, DataType.DOUBLE, 14);
            Layer bn = c.graph().getLayer("bn1");
            double decay = ((org.deeplearning4j.nn.conf.layers.BatchNormalization) bn.conf().getLayer()).getDecay();
            INDArray mean0 = bn.getParam(BatchNormalizationParamInitializer.GLOBAL_MEAN).dup().reshape(-1);
            INDArray var0 = runningVariance(bn, logStd);
            INDArray conv1 = c.graph().feedForward(x, true).get("conv1");
            INDArray batchMean = conv1.mean(0, 2, 3);
            INDArray batchVar = conv1.var(false, 0, 2, 3);

            a.forward(x, Mode.TRAINING);
            Backward b = a.backward(weights(n, 15), false);
            Gradient g = b.parameterGradient();
            INDArray dMean = g.getGradientFor("bn1_" + BatchNormalizationParamInitializer.GLOBAL_MEAN).reshape(-1);
            assertThat(relativeError(dMean, mean0.sub(batchMean).muli(1 - decay))).isLessThan(1e-12);
            assertThat(bn.getParam(BatchNormalizationParamInitializer.GLOBAL_MEAN).reshape(-1)).isEqualTo(mean0);

            // the step of DESIGN.md decision 2
            c.graph().getUpdater().update(g, 0, 0, n, LayerWorkspaceMgr.noWorkspaces());
            c.graph().params().subi(g.gradient());
            INDArray mean1 = bn.getParam(BatchNormalizationParamInitializer.GLOBAL_MEAN).reshape(-1);
            assertThat(relativeError(mean1, mean0.mul(decay).addi(batchMean.mul(1 - decay)))).isLessThan(1e-12);
            assertThat(relativeError(runningVariance(bn, logStd), var0.mul(decay).addi(batchVar.mul(1 - decay))))
                    .isLessThan(1e-12);
        }
    }

    @Test
    void inferenceBackwardHasZeroRunningStatisticEntries() {
        Classifier c = TestGraphs.residualConcat(DataType.DOUBLE, 16);
        ModelAdapter a = new ModelAdapter(c);
        INDArray x = TestGraphs.input(TestGraphs.RESIDUAL_INPUT, 2, DataType.DOUBLE, 17);
        a.forward(x, Mode.INFERENCE);
        INDArray g = a.backward(weights(2, 18), false).parameterGradient().gradient().dup();
        for (long[] r : a.runningStatisticsRanges()) {
            assertThat(g.get(NDArrayIndex.interval(r[0], r[0] + r[1])).amaxNumber().doubleValue()).isZero();
        }
        assertThat(g.amaxNumber().doubleValue()).isPositive();
        assertThat(relativeError(g, a.parameterGradient(x, Target.weights(weights(2, 18)), Mode.INFERENCE)))
                .isLessThan(1e-15);
    }

    @Test
    void runningStatisticRangesLocateMeanAndVarianceOfEveryBatchNormLayer() {
        Classifier c = TestGraphs.tiny(DataType.DOUBLE, 19);
        ModelAdapter a = new ModelAdapter(c);
        INDArray expected = Nd4j.concat(0,
                c.graph().getLayer("bn").getParam("mean").reshape(-1),
                c.graph().getLayer("bn").getParam("log10stdev").reshape(-1),
                c.graph().getLayer("bn_ff").getParam("mean").reshape(-1),
                c.graph().getLayer("bn_ff").getParam("log10stdev").reshape(-1));
        INDArray params = c.graph().params();
        INDArray found = Nd4j.concat(0, a.runningStatisticsRanges().stream()
                .map(r -> params.get(NDArrayIndex.interval(r[0], r[0] + r[1]))).toArray(INDArray[]::new));
        assertThat(found).isEqualTo(expected);
        INDArray ones = Nd4j.ones(DataType.DOUBLE, params.length());
        a.zeroRunningStatistics(ones);
        assertThat(ones.sumNumber().doubleValue()).isEqualTo(params.length() - 8.0);
    }

    @Test
    void snapshotsRestoreParametersBitExactly() {
        Classifier c = TestGraphs.residualConcat(DataType.DOUBLE, 20);
        ModelAdapter a = new ModelAdapter(c);
        INDArray x = TestGraphs.input(TestGraphs.RESIDUAL_INPUT, 3, DataType.DOUBLE, 21);
        INDArray before = c.graph().params().dup();
        try (ParameterSnapshot s = a.snapshot()) {
            assertThat(s.size()).isEqualTo(before.length());
            c.graph().params().muli(1.1);
        }
        assertThat(c.graph().params()).isEqualTo(before);

        INDArray stats = Nd4j.ones(DataType.DOUBLE, before.length());
        a.zeroRunningStatistics(stats); // 1 = trainable, 0 = running statistic
        try (ParameterSnapshot s = a.snapshotRunningStatistics()) {
            a.forward(x, Mode.TRAINING);
            Gradient g = a.backward(weights(3, 22), false).parameterGradient();
            c.graph().getUpdater().update(g, 0, 0, 3, LayerWorkspaceMgr.noWorkspaces());
            c.graph().params().subi(g.gradient());
        }
        INDArray after = c.graph().params();
        INDArray changed = after.neq(before).castTo(DataType.DOUBLE);
        assertThat(changed.mul(stats.rsub(1)).sumNumber().doubleValue()).as("running stats restored").isZero();
        assertThat(changed.mul(stats).sumNumber().doubleValue()).as("trained params kept").isPositive();
    }

    @Test
    void loadGradientPutsACombinedGradientBackForTheUpdater() {
        Classifier c = TestGraphs.tiny(DataType.DOUBLE, 23);
        ModelAdapter a = new ModelAdapter(c);
        INDArray x = TestGraphs.input(TestGraphs.TINY_INPUT, 3, DataType.DOUBLE, 24);
        a.forward(x, Mode.TRAINING);
        INDArray main = a.backward(weights(3, 25), false).parameterGradient().gradient().dup();
        INDArray extra = a.parameterGradient(x, Target.logit(0), Mode.TRAINING);
        a.zeroRunningStatistics(extra);
        Gradient g = a.loadGradient(main.add(extra));
        assertThat(g.gradient()).isEqualTo(main.add(extra));
        assertThat(c.graph().getGradientsViewArray().reshape(-1)).isEqualTo(main.add(extra));
        INDArray p0 = c.graph().params().dup();
        c.graph().getUpdater().update(g, 0, 0, 3, LayerWorkspaceMgr.noWorkspaces());
        c.graph().params().subi(g.gradient());
        // Sgd(0.1): trainable params move by 0.1 * g / N; running statistics by the raw update
        INDArray trainable = Nd4j.ones(DataType.DOUBLE, p0.length());
        a.zeroRunningStatistics(trainable);
        INDArray expected = p0.sub(main.add(extra).mul(trainable).muli(0.1 / 3))
                .subi(main.mul(trainable.rsub(1)));
        assertThat(relativeError(c.graph().params(), expected)).isLessThan(1e-14);
    }

    private static INDArray runningVariance(Layer bn, boolean logStd) {
        if (!logStd) {
            return bn.getParam(BatchNormalizationParamInitializer.GLOBAL_VAR).dup().reshape(-1);
        }
        INDArray s = bn.getParam(BatchNormalizationParamInitializer.GLOBAL_LOG_STD).reshape(-1);
        INDArray std = org.nd4j.linalg.ops.transforms.Transforms.pow(Nd4j.valueArrayOf(s.shape(), 10.0, s.dataType()), s);
        return std.mul(std);
    }
}
