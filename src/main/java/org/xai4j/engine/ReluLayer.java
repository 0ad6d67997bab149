package org.xai4j.engine;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.factory.Nd4j;

/**
 * DL4J's activation layer (M2.1) for the ReLU and the leaky ReLU, in one pass each way (issue 6), whose switches
 * can be recorded and replayed ({@link ActivationSwitches}, issue 12). DL4J's layer copies its input before applying
 * the activation in place (forward) and copies it again before the derivative, whose result it writes to yet
 * another array (backward); for the plain ReLU this layer writes {@code max(x, 0)} straight into the output and
 * {@code dy * [x > 0]} straight into the input gradient (libnd4j's {@code relu_bp}), the same values. The leaky ReLU
 * {@code y = s(x) x} with {@code s = 1} for {@code x > 0} and the negative slope otherwise is computed through its
 * slopes {@code s}, which also give {@code dx = s dy}. While a pattern is replayed both use the recorded slopes.
 *
 * <p>{@link FastLayers#install} swaps it in for every DL4J {@link ActivationLayer} whose activation is the plain ReLU
 * (no threshold or cap; a negative slope is allowed) or the leaky ReLU.
 */
public final class ReluLayer extends ActivationLayer {
    private final double negativeSlope;
    private final ActivationSwitches switches;
    private INDArray slopes;

    private ReluLayer(NeuralNetConfiguration conf, DataType dataType, double negativeSlope,
                      ActivationSwitches switches) {
        super(conf, dataType);
        this.negativeSlope = negativeSlope;
        this.switches = switches;
    }

    /** Whether {@code layer} is DL4J's own activation layer with the ReLU or leaky ReLU. */
    static boolean replaces(Layer layer) {
        return layer.getClass() == ActivationLayer.class && slopeOf(activation(layer)) != null;
    }

    /** This layer in place of {@code old}, its switches under {@code switches}. */
    static ReluLayer of(Layer old, DataType dataType, ActivationSwitches switches) {
        return new ReluLayer(old.conf(), dataType, slopeOf(activation(old)), switches);
    }

    /** The negative slope of a piecewise-linear rectifier, null for any other activation. */
    private static Double slopeOf(IActivation a) {
        if (a instanceof ActivationReLU r && r.getMax() == null && zeroOrNull(r.getThreshold())) {
            return r.getNegativeSlope() == null ? 0.0 : r.getNegativeSlope();
        }
        if (a instanceof ActivationLReLU l) {
            return l.getAlpha();
        }
        return null;
    }

    private static IActivation activation(Layer layer) {
        return ((ActivationLayer) layer).layerConf().getActivationFn();
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr mgr) {
        assertInputSet(false);
        INDArray replayed = switches.replayed(this, input.shape());
        slopes = replayed != null ? replayed : negativeSlope != 0 || switches.recording() ? slopesOf(input, mgr) : null;
        if (replayed == null && switches.recording()) {
            try (MemoryWorkspace out = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
                switches.recorded(this, slopes.detach());
            }
        }
        INDArray out = mgr.createUninitialized(ArrayType.ACTIVATIONS, input.dataType(), input.shape(), 'c');
        if (slopes == null) {
            return Nd4j.exec(new RectifiedLinear(input, out));
        }
        return out.assign(input).muli(slopes);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        INDArray dx = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, input.dataType(), input.shape(),
                'c');
        if (slopes == null) {
            Nd4j.exec(DynamicCustomOp.builder("relu_bp").addInputs(input, epsilon).addOutputs(dx)
                    .addFloatingPointArguments(0.0).build());
        } else {
            dx.assign(epsilon).muli(slopes);
        }
        return new Pair<>(new DefaultGradient(), dx);
    }

    @Override
    public void clear() {
        super.clear();
        slopes = null;
    }

    /**
     * {@code s = 1} where {@code x > 0}, the negative slope elsewhere, in the activations workspace (the backward pass
     * reads it after the forward pass's working memory is gone).
     */
    private INDArray slopesOf(INDArray x, LayerWorkspaceMgr mgr) {
        INDArray s = mgr.createUninitialized(ArrayType.ACTIVATIONS, x.dataType(), x.shape(), 'c');
        s.assign(x.gt(0));
        return negativeSlope == 0 ? s : s.muli(1 - negativeSlope).addi(negativeSlope);
    }

    private static boolean zeroOrNull(Double d) {
        return d == null || d == 0.0;
    }
}
