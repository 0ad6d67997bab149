package org.xai4j.engine;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNBatchNormHelper;
import org.deeplearning4j.nn.layers.normalization.BatchNormalization;
import org.deeplearning4j.nn.layers.normalization.BatchNormalizationHelper;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.impl.reduce.floating.SquaredNorm;
import org.nd4j.linalg.api.ops.impl.reduce3.Dot;
import org.nd4j.linalg.api.ops.impl.summarystats.Variance;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Replacement for DL4J's oneDNN batch-normalisation helper ({@link MKLDNNBatchNormHelper}, M2.1) with faster
 * training-mode statistics and backward pass (issue 6). The profile of a small ResNet's training step showed DL4J's
 * helper reducing NCHW activations over dimensions {0, 2, 3} with ND4J's strided reductions (three times the cost of
 * the oneDNN normalisation itself), and libnd4j's {@code batchnorm_bp} adding the batch-statistics terms to oneDNN's
 * fixed-statistics backward pass with more strided reductions (4-5x the forward pass). Here an NCHW activation is
 * viewed as {@code (N C) x (H W)} contiguous rows: the statistics are row sums (mean, then squared deviations from
 * it) and the backward pass is two row reductions and three row-broadcast passes ({@link #backpropNchw}). The forward
 * normalisation is libnd4j's oneDNN {@code batchnorm} op, as in DL4J's helper; other layouts fall back to the
 * helper's own reductions and {@code batchnorm_bp}. Checked against a double-precision batch norm and its finite
 * differences ({@code OneDnnBatchNormHelperTest}).
 *
 * <p>{@link #install} puts it in place of every {@link MKLDNNBatchNormHelper} of a graph (DL4J creates helpers when
 * the layer is created, so a graph without oneDNN helpers is left alone). Reference: Ioffe and Szegedy, "Batch
 * normalization", ICML 2015.
 */
public final class OneDnnBatchNormHelper implements BatchNormalizationHelper {
    private static final int[] RANK2_DIMS = {0};
    private static final int[] RANK4_DIMS_NCHW = {0, 2, 3};
    private static final int[] RANK4_DIMS_NHWC = {0, 1, 2};
    private static final Field HELPER_FIELD = helperField();

    private INDArray meanCache;
    private INDArray varCache;

    /**
     * Replaces every layer's {@link MKLDNNBatchNormHelper} with this helper.
     *
     * @return the number of layers whose helper was replaced
     */
    public static int install(ComputationGraph graph) {
        int n = 0;
        for (Layer l : graph.getLayers()) {
            if (l instanceof BatchNormalization bn && bn.getHelper() instanceof MKLDNNBatchNormHelper) {
                try {
                    HELPER_FIELD.set(bn, new OneDnnBatchNormHelper());
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException("cannot replace the batch-norm helper of " + bn.getClass(), e);
                }
                n++;
            }
        }
        return n;
    }

    @Override
    public boolean checkSupported(double eps, boolean fixedGammaBeta) {
        return !fixedGammaBeta && checkSupported();
    }

    @Override
    public boolean checkSupported() {
        return Engine.oneDnnNativesLoaded();
    }

    @Override
    public INDArray preOutput(INDArray x, boolean training, long[] shape, INDArray gamma, INDArray beta, INDArray mean,
                              INDArray var, double decay, double eps, CNN2DFormat format,
                              LayerWorkspaceMgr workspaceMgr) {
        if (x.dataType() != DataType.FLOAT) {
            return null; // oneDNN: float32 only; DL4J falls back to its own code
        }
        int axis = channelAxis(x, format);
        INDArray m;
        INDArray v;
        if (training) {
            if (meanCache == null || meanCache.length() != x.size(axis)) {
                try (MemoryWorkspace ws = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
                    meanCache = Nd4j.createUninitialized(x.dataType(), x.size(axis));
                    varCache = Nd4j.createUninitialized(x.dataType(), x.size(axis));
                }
            }
            batchStatistics(x, format, meanCache, varCache, workspaceMgr);
            m = meanCache;
            v = varCache;
        } else {
            m = mean.reshape(mean.length());
            v = var.reshape(var.length());
        }
        List<INDArray> in = new ArrayList<>(List.of(x, m, v));
        if (gamma != null && beta != null) {
            in.add(gamma.reshape(gamma.length()));
            in.add(beta.reshape(beta.length()));
        }
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, x.dataType(), x.shape());
        Nd4j.exec(DynamicCustomOp.builder("batchnorm").addInputs(in.toArray(new INDArray[0])).addOutputs(out)
                .addIntegerArguments(gamma != null ? 1 : 0, beta != null ? 1 : 0, axis)
                .addFloatingPointArguments(eps).build());
        return out;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray input, INDArray epsilon, long[] shape, INDArray gamma,
                                                     INDArray beta, INDArray dGammaView, INDArray dBetaView,
                                                     double eps, CNN2DFormat format, LayerWorkspaceMgr workspaceMgr) {
        if (input.dataType() != DataType.FLOAT) {
            return null;
        }
        if (!Shape.hasDefaultStridesForShape(epsilon)) {
            epsilon = epsilon.dup('c'); // as DL4J's helper (DL4J issue 8860)
        }
        INDArray dx = input.rank() == 4 && format == CNN2DFormat.NCHW && gamma != null && dGammaView != null
                ? backpropNchw(input, epsilon, gamma, eps, dGammaView, dBetaView, workspaceMgr)
                : backpropOp(input, epsilon, gamma, beta, dGammaView, dBetaView, eps, format, workspaceMgr);
        Gradient g = new DefaultGradient();
        g.setGradientFor(BatchNormalizationParamInitializer.GAMMA, dGammaView);
        g.setGradientFor(BatchNormalizationParamInitializer.BETA, dBetaView);
        return new Pair<>(g, dx);
    }

    /** Other layouts: libnd4j's {@code batchnorm_bp}, as DL4J's helper calls it. */
    private INDArray backpropOp(INDArray input, INDArray epsilon, INDArray gamma, INDArray beta, INDArray dGammaView,
                                INDArray dBetaView, double eps, CNN2DFormat format, LayerWorkspaceMgr workspaceMgr) {
        List<INDArray> args = new ArrayList<>(List.of(input, meanCache, varCache));
        if (gamma != null) {
            args.add(gamma.reshape(gamma.length()));
        }
        if (beta != null) {
            args.add(beta.reshape(beta.length()));
        }
        args.add(epsilon);
        DynamicCustomOp op = DynamicCustomOp.builder("batchnorm_bp")
                .addInputs(args.toArray(new INDArray[0]))
                .addIntegerArguments(gamma == null ? 0 : 1, beta == null ? 0 : 1, channelAxis(input, format))
                .addFloatingPointArguments(eps)
                .build();
        INDArray epsAtInput = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, input.dataType(),
                input.shape());
        op.setOutputArgument(0, epsAtInput);
        op.setOutputArgument(1, workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, meanCache.dataType(),
                meanCache.shape()));
        op.setOutputArgument(2, workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, meanCache.dataType(),
                meanCache.shape()));
        if (dGammaView != null) {
            op.setOutputArgument(3, dGammaView.reshape(dGammaView.length()));
            op.setOutputArgument(4, dBetaView.reshape(dBetaView.length()));
        }
        Nd4j.exec(op);
        return epsAtInput;
    }

    /**
     * Per-channel mean and biased variance of a batch. An NCHW activation is viewed as {@code (N C) x (H W)} rows
     * (no copy): row sums, summed over the batch, give the mean; the rows minus their channel's mean, squared and
     * summed, the variance (two passes, no cancellation). Other layouts use ND4J's reductions over the non-channel
     * dimensions, as DL4J's helper does.
     */
    static void batchStatistics(INDArray x, CNN2DFormat format, INDArray mean, INDArray var, LayerWorkspaceMgr mgr) {
        if (x.rank() == 4 && format == CNN2DFormat.NCHW) {
            Rows r = new Rows(x);
            mean.assign(r.channelSums(r.rowSums(r.of(x))).divi(r.perChannel));
            INDArray centred = mgr.createUninitialized(ArrayType.FF_WORKING_MEM, x.dataType(), r.rows, r.length);
            centred.assign(r.of(x)).subiColumnVector(r.tiled(mean));
            INDArray squares = r.length == 1 ? centred.mul(centred).reshape(r.rows)
                    : Nd4j.exec(new SquaredNorm(centred, 1));
            var.assign(r.channelSums(squares).divi(r.perChannel));
            return;
        }
        int[] dims = x.rank() == 2 ? RANK2_DIMS : format == CNN2DFormat.NCHW ? RANK4_DIMS_NCHW : RANK4_DIMS_NHWC;
        x.mean(mean, dims);
        Nd4j.exec(new Variance(x, var, false, dims));
    }

    /**
     * Training-mode batch-norm backward pass of an NCHW activation on {@code (N C) x (H W)} rows. libnd4j's
     * {@code batchnorm_bp} runs oneDNN's backward pass with fixed statistics and then adds the terms of the batch
     * statistics with strided reductions over {N, H, W} and broadcasts, which the profile put at 4-5x the cost of
     * the forward pass. Here, with {@code D = x - mu}, {@code s = 1/sqrt(var + eps)} and M = N H W values per
     * channel: {@code dBeta = sum dy}, {@code dGamma = s sum(dy D)} and
     * {@code dx = gamma s dy - gamma s^2 dGamma/M D - gamma s dBeta/M}: one centred copy, two row reductions and
     * three row-broadcast passes over contiguous memory.
     */
    private INDArray backpropNchw(INDArray x, INDArray dy, INDArray gamma, double eps, INDArray dGammaView,
                                  INDArray dBetaView, LayerWorkspaceMgr mgr) {
        Rows r = new Rows(x);
        INDArray centred = mgr.createUninitialized(ArrayType.BP_WORKING_MEM, x.dataType(), r.rows, r.length);
        centred.assign(r.of(x)).subiColumnVector(r.tiled(meanCache));
        INDArray dyRows = r.of(dy);
        INDArray dBeta = r.channelSums(r.rowSums(dyRows));
        INDArray dyDotCentred = r.length == 1 ? dyRows.mul(centred).reshape(r.rows)
                : Nd4j.exec(new Dot(dyRows, centred, 1));
        INDArray s = varCache.add(eps);
        Transforms.sqrt(s, false).rdivi(1.0);
        INDArray dGamma = r.channelSums(dyDotCentred).muli(s);
        INDArray g = gamma.reshape(gamma.length());
        INDArray a = g.mul(s);
        INDArray b = a.mul(s).muli(dGamma).divi(-r.perChannel);
        INDArray c = a.mul(dBeta).divi(-r.perChannel);
        INDArray dx = mgr.createUninitialized(ArrayType.ACTIVATION_GRAD, x.dataType(), x.shape());
        INDArray dxRows = r.of(dx);
        dxRows.assign(dyRows).muliColumnVector(r.tiled(a));
        centred.muliColumnVector(r.tiled(b));
        dxRows.addi(centred).addiColumnVector(r.tiled(c));
        dGammaView.assign(dGamma.reshape(dGammaView.shape()));
        dBetaView.assign(dBeta.reshape(dBetaView.shape()));
        return dx;
    }

    /** An NCHW array seen as N C rows of H W contiguous values. */
    private static final class Rows {
        final long n;
        final long channels;
        final long rows;
        final long length;
        final double perChannel;

        Rows(INDArray x) {
            n = x.size(0);
            channels = x.size(1);
            rows = n * channels;
            length = x.size(2) * x.size(3);
            perChannel = (double) n * length;
        }

        /** The (N C) x (H W) view (a copy only if x is not c-contiguous). */
        INDArray of(INDArray x) {
            return x.reshape('c', rows, length);
        }

        /**
         * Row sums (length N C). Rows of one value (a 1x1 feature map, e.g. the last stage of a ResNet on 32x32
         * inputs) are their own sums: ND4J's reductions over a dimension of length 1 returned no array there.
         */
        INDArray rowSums(INDArray rowsView) {
            return length == 1 ? rowsView.reshape(rows) : rowsView.sum(1);
        }

        /** Per-row values (length N C) summed over the batch: length C. */
        INDArray channelSums(INDArray perRow) {
            return perRow.reshape(n, channels).sum(0);
        }

        /** A per-channel vector repeated for every example, as an (N C) x 1 column. */
        INDArray tiled(INDArray perChannel) {
            return Nd4j.tile(perChannel.reshape(1, channels), (int) n, 1).reshape(rows, 1);
        }
    }

    @Override
    public INDArray getMeanCache(DataType dataType) {
        return meanCache;
    }

    @Override
    public INDArray getVarCache(DataType dataType) {
        return varCache;
    }

    @Override
    public Map<String, Long> helperMemoryUse() {
        return Collections.emptyMap();
    }

    private static int channelAxis(INDArray x, CNN2DFormat format) {
        return x.rank() != 4 || format == CNN2DFormat.NCHW ? 1 : 3;
    }

    private static Field helperField() {
        try {
            Field f = BatchNormalization.class.getDeclaredField("helper");
            f.setAccessible(true);
            return f;
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException("DL4J's BatchNormalization layer has no 'helper' field (DL4J version?)", e);
        }
    }
}
