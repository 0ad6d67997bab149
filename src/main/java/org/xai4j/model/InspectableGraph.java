package org.xai4j.model;

import java.util.LinkedHashMap;
import java.util.Map;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A ComputationGraph that exposes the gradients DL4J M2.1 computes but does not return: the epsilons of
 * the input vertex and of inner vertices (DESIGN.md decision 3). M2.1 has no public call for them
 * ({@code backpropGradient} clears the vertex epsilons before returning), so this subclass runs the protected
 * {@code calcBackpropGradients(false, false, eps)} and reads {@code getVertex(name).getEpsilon()} before clearing
 * the vertices. This works only with {@link WorkspaceMode#NONE} (as {@link Classifier#newGraph} sets).
 *
 * <p>Verified semantics (see {@code ModelAdapterTapTest} and {@code ModelAdapterGradientTest}): after the backward pass, the epsilon stored on
 * vertex {@code v} is dT/d(output activations of v), summed over all consumers of v; for the input vertex it is
 * dT/dx. Gradients are sums over the batch (the external error is not divided by N).
 *
 * <p>Only {@link ModelAdapter} should use the extra calls; they are not thread safe (neither is DL4J).
 */
public class InspectableGraph extends ComputationGraph {
    public InspectableGraph(ComputationGraphConfiguration configuration) {
        super(configuration);
    }

    /**
     * Forward pass that keeps every vertex's inputs set, so that {@link #backpropKeepingEpsilons} can follow.
     *
     * @param input the single network input
     * @param train DL4J train mode (batch statistics, dropout) or inference mode
     * @return activations of every vertex (including the input and non-layer vertices), by vertex name; these are
     *         the arrays DL4J holds, not copies
     */
    Map<String, INDArray> forwardKeepingInputs(INDArray input, boolean train) {
        requireNoWorkspaces();
        return feedForward(new INDArray[] {input}, train, false);
    }

    /**
     * Backward pass from an external error on the single output, after {@link #forwardKeepingInputs}. Vertex
     * epsilons are left in place for {@link #epsilonOf}; the gradient of the parameters is written to the graph's
     * flattened gradient view and returned (DL4J's own {@link Gradient}, views into that array). Call
     * {@link #clearPass()} when done.
     */
    Gradient backpropKeepingEpsilons(INDArray outputEpsilon) {
        requireNoWorkspaces();
        calcBackpropGradients(false, false, outputEpsilon);
        return gradient;
    }

    /** A copy of the epsilon (dT/d output of the vertex) left on a vertex by {@link #backpropKeepingEpsilons}. */
    INDArray epsilonOf(String vertexName) {
        GraphVertex v = getVertex(vertexName);
        if (v == null) {
            throw new IllegalArgumentException("no vertex named '" + vertexName + "'");
        }
        INDArray eps = v.getEpsilon();
        if (eps == null) {
            throw new IllegalStateException("vertex '" + vertexName + "' has no epsilon: it does not lie on a path "
                    + "to the output, or no backward pass has run");
        }
        return eps.dup();
    }

    /** Clears layer inputs, vertex inputs and epsilons left by a pass (frees memory, avoids stale state). */
    void clearPass() {
        clearLayersStates();
    }

    /**
     * DL4J's {@link Gradient} over this graph's flattened gradient view, with one entry per parameter
     * ({@code vertex_param}), as the updater expects (it updates the view in place when the Gradient's flattened
     * array is that view). Creates the view if no backward pass has run yet.
     */
    Gradient gradientOverView() {
        if (flattenedGradients == null) {
            initGradientsView();
        }
        if (gradient != null && gradient.gradient() == flattenedGradients) {
            return gradient;
        }
        DefaultGradient g = new DefaultGradient(flattenedGradients);
        for (int idx : topologicalSortOrder()) {
            GraphVertex v = getVertices()[idx];
            if (!v.hasLayer() || v.getLayer().numParams() == 0) {
                continue;
            }
            Layer layer = v.getLayer();
            Map<String, INDArray> views = new LinkedHashMap<>(layer.conf().getLayer().initializer()
                    .getGradientsFromFlattened(layer.conf(), layer.getGradientsViewArray()));
            for (Map.Entry<String, INDArray> e : views.entrySet()) {
                g.setGradientFor(v.getVertexName() + "_" + e.getKey(), e.getValue());
            }
        }
        return g;
    }

    private void requireNoWorkspaces() {
        ComputationGraphConfiguration c = getConfiguration();
        if (c.getTrainingWorkspaceMode() != WorkspaceMode.NONE || c.getInferenceWorkspaceMode() != WorkspaceMode.NONE) {
            throw new IllegalStateException("inner gradients need WorkspaceMode.NONE (DESIGN.md decision 3); create the "
                    + "graph with Classifier.newGraph");
        }
    }
}
