package org.xai4j.model;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.nn.conf.memory.MemoryReport;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.BaseGraphVertex;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The configuration of one gate of a {@link GatedGraph}: identity unless its {@link NeuronGates} state says
 * otherwise. Forward {@code out = scale * (keep * a + (1 - keep) * constant)}, backward {@code scale * keep * g}; it
 * records {@code a} and {@code g} when the gates record. Copies share the state (the BatchNorm-folded twin's gates
 * are the live graph's); not serialisable to JSON (a gated graph is never saved).
 */
final class GateVertex extends org.deeplearning4j.nn.conf.graph.GraphVertex {
    private final transient NeuronGates gates;
    private final String layer;

    GateVertex(NeuronGates gates, String layer) {
        this.gates = gates;
        this.layer = layer;
    }

    @Override
    public GateVertex clone() {
        return new GateVertex(gates, layer);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GateVertex g && g.gates == gates && g.layer.equals(layer);
    }

    @Override
    public int hashCode() {
        return layer.hashCode();
    }

    @Override
    public long numParams(boolean backprop) {
        return 0;
    }

    @Override
    public int minVertexInputs() {
        return 1;
    }

    @Override
    public int maxVertexInputs() {
        return 1;
    }

    @Override
    public org.deeplearning4j.nn.graph.vertex.GraphVertex instantiate(ComputationGraph graph, String name, int idx,
                                                                      org.nd4j.linalg.api.ndarray.INDArray paramsView,
                                                                      boolean initializeParams, DataType dataType) {
        return new Impl(graph, name, idx, dataType, gates.state(layer), gates);
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType... vertexInputs) {
        return vertexInputs[0];
    }

    @Override
    public MemoryReport getMemoryReport(InputType... inputTypes) {
        return new LayerMemoryReport.Builder(null, GateVertex.class, inputTypes[0], inputTypes[0])
                .standardMemory(0, 0).workingMemory(0, 0, 0, 0).cacheMemory(0, 0).build();
    }

    private static final class Impl extends BaseGraphVertex {
        private final transient NeuronGates.State state;
        private final transient NeuronGates gates;

        Impl(ComputationGraph graph, String name, int idx, DataType dataType, NeuronGates.State state,
             NeuronGates gates) {
            super(graph, name, idx, null, null, dataType);
            this.state = state;
            this.gates = gates;
        }

        @Override
        public boolean hasLayer() {
            return false;
        }

        @Override
        public Layer getLayer() {
            return null;
        }

        @Override
        public INDArray doForward(boolean training, LayerWorkspaceMgr workspaceMgr) {
            INDArray a = inputs[0];
            if (gates.recording()) {
                state.activation = a.detach();
            }
            try (MemoryWorkspace ws = workspaceMgr.notifyScopeBorrowed(ArrayType.ACTIVATIONS)) {
                INDArray out;
                if (state.keep != null) {
                    INDArray keep = rows(state.keep, a);
                    out = a.mul(keep).addi(rows(state.constant, a).mul(keep.rsub(1.0)));
                } else {
                    out = a.dup();
                }
                return state.scale == 1 ? out : out.muli(state.scale);
            }
        }

        @Override
        public Pair<Gradient, INDArray[]> doBackward(boolean tbptt, LayerWorkspaceMgr workspaceMgr) {
            if (gates.recording()) {
                state.gradient = epsilon.detach();
            }
            try (MemoryWorkspace ws = workspaceMgr.notifyScopeBorrowed(ArrayType.ACTIVATION_GRAD)) {
                INDArray g = state.keep == null ? epsilon.dup() : epsilon.mul(rows(state.keep, epsilon));
                return new Pair<>(null, new INDArray[] {state.scale == 1 ? g : g.muli(state.scale)});
            }
        }

        /** The state's array for a batch of {@code like}'s rows (one row is broadcast: the adapter pads one image). */
        private static INDArray rows(INDArray s, INDArray like) {
            INDArray c = s.castTo(like.dataType());
            if (c.size(0) == like.size(0)) {
                return c;
            }
            if (c.size(0) == 1) {
                return c.broadcast(like.shape());
            }
            if (like.size(0) == 2 * c.size(0)) {
                return org.nd4j.linalg.factory.Nd4j.concat(0, c, c);
            }
            throw new IllegalStateException("gate state of " + c.size(0) + " rows for a batch of " + like.size(0));
        }

        @Override
        public void setBackpropGradientsViewArray(INDArray view) {
            if (view != null) {
                throw new IllegalStateException("a gate has no parameters");
            }
        }

        @Override
        public Pair<INDArray, MaskState> feedForwardMaskArrays(INDArray[] masks, MaskState state, int minibatch) {
            return masks == null || masks.length == 0 ? null : new Pair<>(masks[0], state);
        }

        @Override
        public String toString() {
            return "GateVertex(" + vertexName + ")";
        }
    }
}
