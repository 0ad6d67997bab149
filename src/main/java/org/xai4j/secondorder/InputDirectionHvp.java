package org.xai4j.secondorder;

import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.graph.vertex.VertexIndices;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.model.Target;

/**
 * The exact Hessian-vector product {@code d/dh [dS/dtheta(x + h u)]_{h=0}} of a graph's score {@code S} (the batch
 * sum of a {@link Target} that is linear in the logits, as every attribution target is) with respect to its
 * parameters, along a direction {@code u} in input space, by forward-over-reverse differentiation: Pearlmutter's
 * R-operator (B. A. Pearlmutter, "Fast exact multiplication by the Hessian", Neural Computation 1994). One pass
 * runs the forward pass in training mode (batch statistics), the forward pass of the tangents {@code R{a} = d a/dh},
 * then back-propagates the activation gradients and their tangents together, each layer adding the tangent of its
 * parameter gradient. It also returns {@code g = dS/dx}, the attribution's input gradient at {@code x}.
 *
 * <p>What finite differences of parameter gradients approximate (issue 12, section 4), without their truncation and
 * float32 cancellation errors: the rectifiers' second derivatives are 0 (their switches are those at {@code x}, as
 * double back-propagation has them) and every other operation is differentiated analytically, BatchNorm's
 * batch-statistics terms and tanh's and the sigmoid's curvature included. Cost: about five passes of the network's work (forward, tangent forward,
 * backward, and the tangent backward of the bilinear layers on a doubled batch), in the network's data type.
 *
 * <p>Layers: those of the registered models (convolutions, batch and instance normalisation, ReLU and leaky ReLU,
 * dense layers, max and average pooling, global average pooling, element-wise add, channel concatenation) and tanh
 * and sigmoid activations; a graph with anything else (another activation, dropout, ...) is refused by
 * {@link #requireSupported} naming the vertex. Parameters are read from the live graph, never changed; BatchNorm running-statistics entries of the
 * result are 0. Not thread safe.
 */
public final class InputDirectionHvp {
    private final ComputationGraph graph;

    /**
     * @param inputGradient     {@code dS/dx} at {@code x}
     * @param parameterGradient the product, flat (length P) in the layout of the graph's {@code params()}
     */
    public record Result(INDArray inputGradient, INDArray parameterGradient) {
    }

    /** @throws IllegalArgumentException when a vertex of {@code graph} is not supported (see the class comment) */
    public InputDirectionHvp(ComputationGraph graph) {
        requireSupported(graph);
        this.graph = graph;
    }

    /** Throws an {@link IllegalArgumentException} naming the first vertex the engine cannot differentiate. */
    public static void requireSupported(ComputationGraph graph) {
        if (graph.getNumInputArrays() != 1 || graph.getConfiguration().getNetworkOutputs().size() != 1) {
            throw new IllegalArgumentException("difference: exact needs a graph with one input and one output");
        }
        INDArray scratch = Nd4j.zeros(graph.params().dataType(), 1, Math.max(1, graph.numParams()));
        build(graph, scratch);
    }

    /**
     * The product along {@code u} at {@code x} (both N x C x H x W, cast to the network's type).
     *
     * @param score {@code S = sum_n T(z_n)}; {@code T} must be linear in the logits (its output gradient is taken
     *              as constant)
     */
    public Result compute(INDArray x, INDArray u, Target score) {
        DataType type = graph.params().dataType();
        INDArray flat = Nd4j.zeros(type, 1, Math.max(1, graph.numParams()));
        RopVertex[] ops = build(graph, flat);
        GraphVertex[] vertices = graph.getVertices();
        int[] order = graph.topologicalSortOrder();
        INDArray[] act = new INDArray[vertices.length];
        INDArray[] tan = new INDArray[vertices.length];
        for (int idx : order) {
            GraphVertex v = vertices[idx];
            if (v.isInputVertex()) {
                act[idx] = x.castTo(type);
                tan[idx] = u.castTo(type);
                continue;
            }
            VertexIndices[] in = v.getInputVertices();
            INDArray[] a = new INDArray[in.length];
            INDArray[] t = new INDArray[in.length];
            for (int k = 0; k < in.length; k++) {
                a[k] = act[in[k].getVertexIndex()];
                t[k] = tan[in[k].getVertexIndex()];
            }
            act[idx] = ops[idx].forward(a);
            tan[idx] = ops[idx].tangent(t);
        }
        int out = graph.getVertex(graph.getConfiguration().getNetworkOutputs().get(0)).getVertexIndex();
        INDArray[] d = new INDArray[vertices.length];
        INDArray[] rd = new INDArray[vertices.length];
        d[out] = score.outputGradient(act[out]).castTo(type);
        rd[out] = Nd4j.zeros(type, act[out].shape());
        INDArray inputGradient = null;
        for (int i = order.length - 1; i >= 0; i--) {
            int idx = order[i];
            if (d[idx] == null) {
                continue;
            }
            GraphVertex v = vertices[idx];
            if (v.isInputVertex()) {
                inputGradient = d[idx];
                continue;
            }
            INDArray[][] back = ops[idx].backward(d[idx], rd[idx]);
            VertexIndices[] in = v.getInputVertices();
            for (int k = 0; k < in.length; k++) {
                int j = in[k].getVertexIndex();
                d[j] = d[j] == null ? back[0][k] : d[j].add(back[0][k]);
                rd[j] = rd[j] == null ? back[1][k] : rd[j].add(back[1][k]);
            }
            d[idx] = null;
            rd[idx] = null;
            act[idx] = null;
            tan[idx] = null;
        }
        return new Result(inputGradient, flat.reshape(flat.length()).dup());
    }

    /** One fresh vertex per graph vertex (index: the graph's), gradient views into {@code flat}. */
    private static RopVertex[] build(ComputationGraph graph, INDArray flat) {
        GraphVertex[] vertices = graph.getVertices();
        RopVertex[] ops = new RopVertex[vertices.length];
        long offset = 0;
        for (int idx : graph.topologicalSortOrder()) {
            GraphVertex v = vertices[idx];
            if (v.isInputVertex()) {
                continue;
            }
            Layer layer = v.hasLayer() ? v.getLayer() : null;
            Map<String, INDArray> views = null;
            if (layer != null && layer.numParams() > 0) {
                views = GradientViews.of(flat, layer, offset);
                offset += layer.numParams();
            }
            ops[idx] = RopVertices.of(graph.getConfiguration(), v.getVertexName(), layer, views);
        }
        return ops;
    }
}
