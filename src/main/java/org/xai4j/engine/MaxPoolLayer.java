package org.xai4j.engine;

import java.util.Arrays;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.convolution.subsampling.SubsamplingLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * DL4J's max-pooling layer (M2.1) whose switches (the position of each window's maximum) can be recorded and replayed
 * ({@link ActivationSwitches}, issue 12). Outside recording and replaying it is DL4J's layer unchanged. Recording
 * runs DL4J's forward pass and finds every window's argmax (the first maximum, padding excluded), checking that the
 * values at those positions are DL4J's output; replaying gathers the input at the recorded positions and scatters
 * the output gradient back to them, so the layer is the linear selection it was at the recorded point.
 *
 * <p>{@link FastLayers#install} swaps it in for DL4J max-pooling layers in NCHW, {@link ConvolutionMode#Truncate}
 * with explicit padding (what xai4j's builders use) and no dilation.
 */
public final class MaxPoolLayer extends SubsamplingLayer {
    private final ActivationSwitches switches;
    private int[] replayed;

    /** The recorded argmax of every output element: a flat index into the layer's input. */
    record Switches(long[] inputShape, int[] argmax) {
    }

    private MaxPoolLayer(NeuralNetConfiguration conf, DataType dataType, ActivationSwitches switches) {
        super(conf, dataType);
        this.switches = switches;
    }

    /** Whether {@code layer} is DL4J's own max-pooling layer in the geometry this layer supports. */
    static boolean replaces(Layer layer) {
        if (layer.getClass() != SubsamplingLayer.class) {
            return false;
        }
        org.deeplearning4j.nn.conf.layers.SubsamplingLayer c =
                (org.deeplearning4j.nn.conf.layers.SubsamplingLayer) layer.conf().getLayer();
        return c.getPoolingType() == PoolingType.MAX && c.getConvolutionMode() == ConvolutionMode.Truncate
                && c.getCnn2dDataFormat() == CNN2DFormat.NCHW && Arrays.stream(c.getDilation()).allMatch(d -> d == 1);
    }

    /** This layer in place of {@code old}, its switches under {@code switches}. */
    static MaxPoolLayer of(Layer old, DataType dataType, ActivationSwitches switches) {
        return new MaxPoolLayer(old.conf(), dataType, switches);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr mgr) {
        assertInputSet(false);
        Switches s = switches.replayed(this, input.shape());
        if (s == null) {
            replayed = null;
            INDArray out = super.activate(training, mgr);
            if (switches.recording()) {
                switches.recorded(this, record(out));
            }
            return out;
        }
        replayed = s.argmax();
        double[] x = values(input);
        double[] y = new double[replayed.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = x[replayed[i]];
        }
        INDArray out = mgr.createUninitialized(ArrayType.ACTIVATIONS, input.dataType(), outputShape(input.shape()),
                'c');
        return out.assign(Nd4j.create(y, out.shape(), 'c'));
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr mgr) {
        if (replayed == null) {
            return super.backpropGradient(epsilon, mgr);
        }
        assertInputSet(true);
        double[] e = values(epsilon);
        double[] dx = new double[(int) input.length()];
        for (int i = 0; i < e.length; i++) {
            dx[replayed[i]] += e[i];
        }
        INDArray out = mgr.createUninitialized(ArrayType.ACTIVATION_GRAD, input.dataType(), input.shape(), 'c');
        out.assign(Nd4j.create(dx, input.shape(), 'c'));
        return new Pair<>(new DefaultGradient(), out);
    }

    @Override
    public void clear() {
        super.clear();
        replayed = null;
    }

    /** The argmax of every window of {@code input}, checked against DL4J's output. */
    private Switches record(INDArray out) {
        long[] in = input.shape();
        long[] os = outputShape(in);
        if (!Arrays.equals(os, out.shape())) {
            throw new IllegalStateException("max-pool '" + layerConf().getLayerName() + "': output " + Arrays.toString(
                    out.shape()) + " is not the expected " + Arrays.toString(os));
        }
        int[] k = layerConf().getKernelSize();
        int[] st = layerConf().getStride();
        int[] pad = layerConf().getPadding();
        int h = (int) in[2];
        int w = (int) in[3];
        int oh = (int) os[2];
        int ow = (int) os[3];
        double[] x = values(input);
        double[] y = values(out);
        int planes = (int) (in[0] * in[1]);
        int[] argmax = new int[planes * oh * ow];
        for (int p = 0; p < planes; p++) {
            int base = p * h * w;
            for (int i = 0; i < oh; i++) {
                for (int j = 0; j < ow; j++) {
                    int best = -1;
                    for (int a = i * st[0] - pad[0]; a < i * st[0] - pad[0] + k[0]; a++) {
                        for (int b = j * st[1] - pad[1]; b < j * st[1] - pad[1] + k[1]; b++) {
                            if (a >= 0 && a < h && b >= 0 && b < w && (best < 0 || x[base + a * w + b] > x[best])) {
                                best = base + a * w + b;
                            }
                        }
                    }
                    int o = (p * oh + i) * ow + j;
                    if (x[best] != y[o]) {
                        throw new IllegalStateException("max-pool '" + layerConf().getLayerName() + "': window "
                                + "maximum " + x[best] + " differs from DL4J's output " + y[o]);
                    }
                    argmax[o] = best;
                }
            }
        }
        return new Switches(in.clone(), argmax);
    }

    private long[] outputShape(long[] in) {
        int[] k = layerConf().getKernelSize();
        int[] st = layerConf().getStride();
        int[] pad = layerConf().getPadding();
        return new long[] {in[0], in[1], (in[2] + 2L * pad[0] - k[0]) / st[0] + 1,
                (in[3] + 2L * pad[1] - k[1]) / st[1] + 1};
    }

    private static double[] values(INDArray a) {
        return a.castTo(DataType.DOUBLE).dup('c').data().asDouble();
    }
}
