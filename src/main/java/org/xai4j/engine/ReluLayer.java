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
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.factory.Nd4j;

/**
 * DL4J's activation layer (M2.1) for the plain ReLU, in one pass each way (issue 6). DL4J's layer copies its input
 * before applying the activation in place (forward) and copies it again before the derivative, whose result it
 * writes to yet another array (backward); this layer writes {@code max(x, 0)} straight into the output and
 * {@code dy * [x > 0]} straight into the input gradient (libnd4j's {@code relu_bp}), the same values.
 *
 * <p>{@link FastLayers#install} swaps it in for every DL4J {@link ActivationLayer} whose activation is the plain ReLU
 * (no threshold, cap or negative slope).
 */
public final class ReluLayer extends ActivationLayer {
    private ReluLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    /** Whether {@code layer} is DL4J's own activation layer with the plain ReLU. */
    static boolean replaces(Layer layer) {
        if (layer.getClass() != ActivationLayer.class) {
            return false;
        }
        IActivation a = ((ActivationLayer) layer).layerConf().getActivationFn();
        return a instanceof ActivationReLU r && r.getMax() == null && zeroOrNull(r.getThreshold())
                && zeroOrNull(r.getNegativeSlope());
    }

    /** This layer in place of {@code old}. */
    static ReluLayer of(Layer old, DataType dataType) {
        return new ReluLayer(old.conf(), dataType);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr mgr) {
        assertInputSet(false);
        INDArray out = mgr.createUninitialized(ArrayType.ACTIVATIONS, input.dataType(), input.shape(), 'c');
        return Nd4j.exec(new RectifiedLinear(input, out));
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        INDArray dx = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, input.dataType(), input.shape(),
                'c');
        Nd4j.exec(DynamicCustomOp.builder("relu_bp").addInputs(input, epsilon).addOutputs(dx)
                .addFloatingPointArguments(0.0).build());
        return new Pair<>(new DefaultGradient(), dx);
    }

    private static boolean zeroOrNull(Double d) {
        return d == null || d == 0.0;
    }
}
