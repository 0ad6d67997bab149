package org.xai4j.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.graph.vertex.VertexIndices;
import org.deeplearning4j.nn.graph.vertex.impl.InputVertex;
import org.nd4j.linalg.api.buffer.DataType;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.nn.api.FwdPassType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.engine.ActivationSwitches;
import org.xai4j.engine.FastLayers;
import org.xai4j.engine.HelperConvolutionLayer;
import org.xai4j.engine.OneDnnBatchNormHelper;

/**
 * A ComputationGraph that exposes the gradients DL4J M2.1 computes but does not return: the epsilons of
 * the input vertex and of inner vertices (DESIGN.md decision 3). M2.1 has no public call for them
 * ({@code backpropGradient} clears the vertex epsilons before returning), so this subclass runs the protected
 * {@code calcBackpropGradients(false, false, eps)} and reads {@code getVertex(name).getEpsilon()} before clearing
 * the vertices. This works only with {@link WorkspaceMode#NONE} (as {@link Classifier#newGraph} sets). Passes that
 * need no inner epsilon (parameter and input gradients only) run inside DL4J's workspaces instead
 * ({@link #passInWorkspaces}, issue 6), switching the workspace modes on for the call.
 *
 * <p>Verified semantics (see {@code ModelAdapterTapTest} and {@code ModelAdapterGradientTest}): after the backward pass, the epsilon stored on
 * vertex {@code v} is dT/d(output activations of v), summed over all consumers of v; for the input vertex it is
 * dT/dx. Gradients are sums over the batch (the external error is not divided by N).
 *
 * <p>Only {@link ModelAdapter} should use the extra calls; they are not thread safe (neither is DL4J).
 */
public class InspectableGraph extends ComputationGraph {
    private transient List<HelperConvolutionLayer> inputConvolutions;
    private final transient ActivationSwitches switches = new ActivationSwitches();

    public InspectableGraph(ComputationGraphConfiguration configuration) {
        super(configuration);
    }

    /**
     * DL4J's initialisation, then xai4j's engine changes (issue 6): batch-norm layers that got DL4J's oneDNN helper
     * get xai4j's, whose batch statistics and backward pass are faster ({@link OneDnnBatchNormHelper}); identity
     * convolutions skip the forward recomputation of DL4J's backward pass and ReLU layers run in one pass each way
     * ({@link FastLayers}); the input vertex keeps its epsilon out of workspaces ({@link CapturingInputVertex}).
     */
    @Override
    public void init(INDArray parameters, boolean cloneParametersArray) {
        super.init(parameters, cloneParametersArray);
        OneDnnBatchNormHelper.install(this);
        FastLayers.install(this, getConfiguration().getDataType(), switches);
        for (String name : getConfiguration().getNetworkInputs()) {
            GraphVertex v = verticesMap.get(name);
            if (!(v instanceof CapturingInputVertex)) {
                CapturingInputVertex capturing = new CapturingInputVertex(this, name, v.getVertexIndex(),
                        v.getOutputVertices(), getConfiguration().getDataType());
                vertices[v.getVertexIndex()] = capturing;
                verticesMap.put(name, capturing);
            }
        }
    }

    /** The switches of this graph's ReLU and leaky-ReLU layers, to record and replay ({@link ActivationSwitches}). */
    public ActivationSwitches switches() {
        return switches;
    }

    /** The convolution layers whose every input is a network input (they produce the input gradient). */
    private List<HelperConvolutionLayer> inputConvolutions() {
        if (inputConvolutions == null) {
            List<HelperConvolutionLayer> found = new ArrayList<>();
            for (GraphVertex v : getVertices()) {
                if (v.hasLayer() && v.getLayer() instanceof HelperConvolutionLayer l && v.getInputVertices() != null
                        && Arrays.stream(v.getInputVertices()).allMatch(i -> getVertices()[i.getVertexIndex()]
                        .isInputVertex())) {
                    found.add(l);
                }
            }
            inputConvolutions = List.copyOf(found);
        }
        return inputConvolutions;
    }

    /**
     * The network input vertex, which copies the epsilon it receives out of any workspace (a no-op without
     * workspaces), so that {@link #passInWorkspaces} can return the input gradient after DL4J closed the
     * workspace the epsilon was computed in.
     */
    private static final class CapturingInputVertex extends InputVertex {
        CapturingInputVertex(ComputationGraph graph, String name, int index, VertexIndices[] outputs, DataType type) {
            super(graph, name, index, outputs, type);
        }

        @Override
        public void setEpsilon(INDArray epsilon) {
            super.setEpsilon(epsilon == null ? null : epsilon.detach());
        }
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

    /** Output activations and input gradient of {@link #passInWorkspaces}. */
    record Pass(INDArray output, INDArray inputGradient) {
    }

    /**
     * One forward and backward pass inside DL4J's workspaces, for passes that need only the parameter gradient and,
     * optionally, the input gradient (issue 6: with {@link WorkspaceMode#NONE} every activation and activation
     * gradient is a fresh native buffer, whose page faults cost ~20% of a small network's step on a 2-core VM and
     * more when memory is short). The graph is created with workspaces NONE, so both modes are switched to
     * {@link WorkspaceMode#ENABLED} for this call only (DL4J's {@code calcBackpropGradients} reads the
     * <i>inference</i> mode to decide on workspaces) and the pass runs as {@code computeGradientAndScore} runs it,
     * with an external error on the output instead of an output layer. The input gradient survives because the
     * input vertex copies its epsilon out of the workspaces as it receives it ({@link CapturingInputVertex}); no
     * other activation or epsilon survives the call. The parameter gradient is written to the flattened gradient
     * view, exactly as {@link #backpropKeepingEpsilons} writes it.
     *
     * @param input           the single network input
     * @param train           DL4J train mode (batch statistics, dropout) or inference mode
     * @param outputName      the single output vertex
     * @param outputEpsilonOf maps a detached copy of the output activations to dT/d(output), called between the
     *                        passes outside any workspace
     * @param wantInputGradient whether dT/dinput is needed; without it, convolutions that read the network input
     *                          compute their parameter gradients only ({@link HelperConvolutionLayer})
     * @return the output activations (the detached copy passed to {@code outputEpsilonOf}) and dT/dinput (an
     *         owned array; null unless asked for)
     */
    Pass passInWorkspaces(INDArray input, boolean train, String outputName, UnaryOperator<INDArray> outputEpsilonOf,
                          boolean wantInputGradient) {
        requireNoWorkspaces();
        if (flattenedGradients == null) {
            initGradientsView();
        }
        return withWorkspacesEnabled(() -> {
            LayerWorkspaceMgr mgr = LayerWorkspaceMgr.builder()
                    .with(ArrayType.ACTIVATIONS, WS_ALL_LAYERS_ACT, WS_ALL_LAYERS_ACT_CONFIG)
                    .with(ArrayType.INPUT, WS_ALL_LAYERS_ACT, WS_ALL_LAYERS_ACT_CONFIG)
                    .with(ArrayType.FF_WORKING_MEM, WS_LAYER_WORKING_MEM, WS_LAYER_WORKING_MEM_CONFIG)
                    .with(ArrayType.BP_WORKING_MEM, WS_LAYER_WORKING_MEM, WS_LAYER_WORKING_MEM_CONFIG)
                    .with(ArrayType.RNN_FF_LOOP_WORKING_MEM, WS_RNN_LOOP_WORKING_MEM, WS_RNN_LOOP_WORKING_MEM_CONFIG)
                    .with(ArrayType.RNN_BP_LOOP_WORKING_MEM, WS_RNN_LOOP_WORKING_MEM, WS_RNN_LOOP_WORKING_MEM_CONFIG)
                    .build();
            mgr.setHelperWorkspacePointers(helperWorkspaces);
            try (MemoryWorkspace all = mgr.notifyScopeEntered(ArrayType.ACTIVATIONS)) {
                Map<String, INDArray> acts = ffToLayerActivationsInWS(train, -1, null, FwdPassType.STANDARD, false,
                        new INDArray[] {input}, null, null, false);
                INDArray output;
                INDArray epsilon;
                try (MemoryWorkspace out = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
                    output = acts.get(outputName).detach();
                    epsilon = outputEpsilonOf.apply(output.dup());
                }
                inputConvolutions().forEach(l -> l.setInputGradientNeeded(wantInputGradient));
                calcBackpropGradients(false, false, epsilon);
                String inputName = getConfiguration().getNetworkInputs().get(0);
                return new Pass(output, wantInputGradient ? getVertex(inputName).getEpsilon() : null);
            } finally {
                inputConvolutions().forEach(l -> l.setInputGradientNeeded(true));
                clearLayersStates();
            }
        });
    }

    /**
     * The single output of a forward pass run inside DL4J's workspaces ({@code output(train, input)} with both
     * workspace modes switched to {@link WorkspaceMode#ENABLED} for this call; see
     * {@link #passInWorkspaces}). The result is detached (an owned array); no layer state survives.
     */
    INDArray outputInWorkspaces(INDArray input, boolean train) {
        requireNoWorkspaces();
        return withWorkspacesEnabled(() -> output(train, input)[0]);
    }

    /**
     * Runs {@code pass} with both workspace modes of the configuration set to {@link WorkspaceMode#ENABLED}, then
     * back to {@link WorkspaceMode#NONE}. Both are needed: DL4J's {@code calcBackpropGradients} reads the inference
     * mode to decide on workspaces, also in a training pass.
     */
    private <T> T withWorkspacesEnabled(Supplier<T> pass) {
        ComputationGraphConfiguration c = getConfiguration();
        c.setTrainingWorkspaceMode(WorkspaceMode.ENABLED);
        c.setInferenceWorkspaceMode(WorkspaceMode.ENABLED);
        try {
            return pass.get();
        } finally {
            c.setTrainingWorkspaceMode(WorkspaceMode.NONE);
            c.setInferenceWorkspaceMode(WorkspaceMode.NONE);
        }
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
