package org.xai4j.perf;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.graph.PreprocessorVertex;
import org.deeplearning4j.nn.conf.graph.ReshapeVertex;
import org.deeplearning4j.nn.conf.graph.SubsetVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.SeparableConvolution2D;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.misc.ElementWiseMultiplicationLayer;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.xai4j.model.InputShape;
import org.xai4j.model.InstanceNormalization;

/**
 * Counts the floating-point operations of a {@link ComputationGraphConfiguration} from its layer shapes, without
 * instantiating the network: the activation shapes come from
 * {@link ComputationGraphConfiguration#getLayerActivationTypes(InputType...)} on a copy of the configuration.
 *
 * <p>The model, per image, with a multiply-add counted as 2 FLOPs:
 * <ul>
 *   <li>convolution: {@code 2 * Kh * Kw * Cin/groups * Cout * Hout * Wout} (depthwise: groups = Cin; separable:
 *       depthwise + pointwise 1x1; transposed: {@code 2 * Kh * Kw * Cin * Cout * Hin * Win}), plus one per output
 *       element for the bias and one for a non-identity activation;</li>
 *   <li>dense: {@code 2 * nIn * nOut}, plus {@code nOut} each for bias and activation;</li>
 *   <li>batch and instance normalisation: 4 per element (subtract the mean, scale by 1/sigma, multiply by gamma,
 *       add beta; the batch statistics are not counted);</li>
 *   <li>pooling: {@code Kh * Kw} per output element; global pooling: 1 per input element;</li>
 *   <li>activation layers: 1 per element; per-channel affine ({@code ElementWiseMultiplicationLayer}): 2;</li>
 *   <li>element-wise vertices (residual additions): {@code inputs - 1} per element; concatenation, reshapes,
 *       preprocessors and dropout: 0 (memory traffic, no arithmetic).</li>
 * </ul>
 * Backward costs are derived in {@link VertexFlops}: convolution and dense layers 2x their forward (data and weight
 * gradients; layers that read the network input get no data gradient in a training step), everything else 1x.
 * Layer types not listed are reported by {@link FlopCount#uncounted()} with 0 FLOPs.
 */
public final class FlopCounter {
    private static final int NORM_FLOPS_PER_ELEMENT = 4;

    private FlopCounter() {
    }

    /** FLOPs per image of {@code configuration} for images of {@code shape}; the configuration is not changed. */
    public static FlopCount count(ComputationGraphConfiguration configuration, InputShape shape) {
        ComputationGraphConfiguration conf = configuration.clone();
        if (conf.getNetworkInputs().size() != 1) {
            throw new IllegalArgumentException("FLOP counting needs a graph with one input, got "
                    + conf.getNetworkInputs());
        }
        String input = conf.getNetworkInputs().get(0);
        InputType inputType = InputType.convolutional(shape.height(), shape.width(), shape.channels());
        Map<String, InputType> types = conf.getLayerActivationTypes(inputType);
        List<VertexFlops> out = new ArrayList<>();
        for (Map.Entry<String, InputType> e : types.entrySet()) {
            String name = e.getKey();
            GraphVertex v = conf.getVertices().get(name);
            if (v == null) {
                continue; // a network input
            }
            List<String> inputs = conf.getVertexInputs().get(name);
            boolean readsInput = inputs != null && inputs.contains(input);
            List<InputType> in = inputs == null ? List.of() : inputs.stream().map(types::get).toList();
            out.add(count(name, v, in, e.getValue(), readsInput));
        }
        return new FlopCount(out);
    }

    private static VertexFlops count(String name, GraphVertex v, List<InputType> in, InputType outType,
                                     boolean readsInput) {
        long outElements = outType.arrayElementsPerExample();
        if (v instanceof LayerVertex lv) {
            return layer(name, lv.getLayerConf().getLayer(), in.get(0), outType, readsInput);
        }
        if (v instanceof ElementWiseVertex) {
            return new VertexFlops(name, "add", (in.size() - 1) * outElements, false, readsInput);
        }
        if (v instanceof MergeVertex) {
            return new VertexFlops(name, "concat", 0, false, readsInput);
        }
        if (v instanceof PreprocessorVertex || v instanceof ReshapeVertex || v instanceof SubsetVertex) {
            return new VertexFlops(name, "reshape", 0, false, readsInput);
        }
        return new VertexFlops(name, VertexFlops.UNCOUNTED, 0, false, readsInput);
    }

    private static VertexFlops layer(String name, Layer l, InputType inType, InputType outType, boolean readsInput) {
        long outElements = outType.arrayElementsPerExample();
        if (l instanceof ConvolutionLayer c && outType instanceof InputType.InputTypeConvolutional o) {
            long flops = convolution(c, inType, o) + extras(c, outElements, c.hasBias());
            return new VertexFlops(name, "conv", flops, true, readsInput);
        }
        if (l instanceof DenseLayer d) {
            long flops = 2 * d.getNIn() * d.getNOut() + extras(d, d.getNOut(), d.hasBias());
            return new VertexFlops(name, "dense", flops, true, readsInput);
        }
        if (l instanceof BatchNormalization || l instanceof InstanceNormalization) {
            return new VertexFlops(name, "norm", NORM_FLOPS_PER_ELEMENT * outElements, false, readsInput);
        }
        if (l instanceof SubsamplingLayer s) {
            int[] k = s.getKernelSize();
            return new VertexFlops(name, "pool", (long) k[0] * k[1] * outElements, false, readsInput);
        }
        if (l instanceof GlobalPoolingLayer) {
            return new VertexFlops(name, "global_pool", inType.arrayElementsPerExample(), false, readsInput);
        }
        if (l instanceof ActivationLayer a) {
            return new VertexFlops(name, "activation", isIdentity(a.getActivationFn()) ? 0 : outElements, false,
                    readsInput);
        }
        if (l instanceof ElementWiseMultiplicationLayer) {
            return new VertexFlops(name, "affine", 2 * outElements, false, readsInput);
        }
        if (l instanceof DropoutLayer) {
            return new VertexFlops(name, "dropout", 0, false, readsInput);
        }
        return new VertexFlops(name, VertexFlops.UNCOUNTED, 0, false, readsInput);
    }

    private static long convolution(ConvolutionLayer c, InputType inType, InputType.InputTypeConvolutional out) {
        int[] k = c.getKernelSize();
        long kernel = (long) k[0] * k[1];
        long outPixels = out.getHeight() * out.getWidth();
        long cin = c.getNIn();
        long cout = c.getNOut();
        if (c instanceof DepthwiseConvolution2D) {
            return 2 * kernel * cout * outPixels; // Cout = Cin * depth multiplier, one input channel each
        }
        if (c instanceof SeparableConvolution2D s) {
            long depthwise = cin * s.getDepthMultiplier();
            return 2 * kernel * depthwise * outPixels + 2 * depthwise * cout * outPixels;
        }
        if (c instanceof Deconvolution2D && inType instanceof InputType.InputTypeConvolutional i) {
            return 2 * kernel * cin * cout * i.getHeight() * i.getWidth();
        }
        return 2 * kernel * cin * cout * outPixels;
    }

    private static long extras(BaseLayer l, long outElements, boolean bias) {
        return (bias ? outElements : 0) + (isIdentity(l.getActivationFn()) ? 0 : outElements);
    }

    private static boolean isIdentity(IActivation a) {
        return a == null || a instanceof ActivationIdentity;
    }
}
