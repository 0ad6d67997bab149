package org.xai4j.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The one place that holds DL4J mechanics for gradients (DESIGN.md decisions 2-5): logits, input gradients,
 * activations and gradients at named taps, parameter gradients, and the forward/backward pair of the training
 * step. Training, losses, attacks, attribution and Grad-CAM call only this API.
 *
 * <h2>Semantics (verified against central finite differences in double precision, see the
 * {@code ModelAdapter*Test} classes)</h2>
 * <ul>
 * <li>Every gradient is that of the <b>batch sum</b> {@code sum_n T_n(z_n)} of the {@link Target}: raw sums over
 * the batch, never divided by N (DL4J's updater divides by the batch size).</li>
 * <li>{@link Mode#TRAINING}: DL4J train-mode forward (BatchNorm batch statistics, dropout) and backprop on the live
 * graph. Batch statistics couple the examples, so example n's input gradient also carries terms from the others.
 * </li>
 * <li>{@link Mode#INFERENCE}: logits from the live graph's {@code output(false)}; gradients from the BN-folded twin
 * ({@link BatchNormFolding}), whose parameters are re-synced from the live graph at every gradient call. Its
 * parameter gradients are mapped back to the live layout (BatchNorm gamma/beta by the chain rule, running
 * statistics 0), i.e. they are gradients with frozen BatchNorm statistics.</li>
 * <li>The gradient at a tap is dT/d(output activations of the tap vertex): the epsilon DL4J leaves on that
 * vertex, summed over all its consumers.</li>
 * <li>Running statistics: a TRAINING pass does not change any parameter; DL4J's BatchNorm backprop writes the
 * running-statistics <i>update</i> {@code (1-decay)(mu_running - mu_batch)} (and the variance or log10-std
 * equivalent) into the gradient view, which the updater passes through unchanged (NoOp updater, not divided by
 * the batch size) and {@code params.subi(gradient)} then applies. So gradient-only calls ({@link #inputGradient},
 * {@link #tap}, {@link #parameterGradient}, {@link #logits}) leave all parameters bit-identical; only the caller's
 * update step moves the running statistics. A second-order term whose extra parameter-gradient passes are added to
 * the main gradient must zero those entries first ({@link #zeroRunningStatistics}); {@link
 * #snapshotRunningStatistics()} restores them around code that does apply updates.</li>
 * </ul>
 *
 * <h2>State</h2>
 * Every TRAINING-mode gradient call, every {@link #backward} and every {@link #parameterGradient} overwrites the
 * live graph's flattened gradient view, which {@link Backward#parameterGradient()} refers to: copy it
 * ({@code g.gradient().dup()}) before another call, and put a combined flat gradient back with
 * {@link #loadGradient}. INFERENCE-mode input and tap gradients do not touch the live gradient view. All returned
 * arrays are owned copies unless documented. Not thread safe.
 *
 * <h2>Memory (issue 6)</h2>
 * {@link #logits}, {@link #inputGradient}, {@link #parameterGradient} and {@link #trainingPass} run inside DL4J's
 * workspaces, which reuse the memory of activations and activation gradients from call to call; {@link #tap} and the
 * {@link #forward}/{@link #backward} pair keep every vertex's activations and epsilons and run without workspaces.
 * Both give the same numbers ({@code ModelAdapterWorkspaceTest}).
 */
public final class ModelAdapter {
    private final Classifier classifier;
    private final InspectableGraph graph;
    private final ModelDescription description;
    private final List<long[]> runningStatRanges;
    private BatchNormFolding folding;
    private Pending pending;

    private record Pending(Mode mode, InspectableGraph graph) {
    }

    /** Adapter for a classifier whose graph was created by {@link Classifier#newGraph} (workspaces NONE). */
    public ModelAdapter(Classifier classifier) {
        this.classifier = classifier;
        this.graph = classifier.graph();
        this.description = classifier.description();
        if (!graph.getConfiguration().getNetworkOutputs().equals(List.of(description.logitsName()))) {
            throw new IllegalArgumentException("the graph's only output must be '" + description.logitsName()
                    + "', got " + graph.getConfiguration().getNetworkOutputs());
        }
        this.runningStatRanges = findRunningStatRanges(graph);
    }

    public Classifier classifier() {
        return classifier;
    }

    /** The live training graph (for the updater and checkpoints). */
    public InspectableGraph graph() {
        return graph;
    }

    public int numOutputs() {
        return description.numOutputs();
    }

    /** The network's data type; inputs are cast to it. */
    public DataType dataType() {
        return graph.params().dataType();
    }

    /** Logits, N x K. INFERENCE is deterministic; TRAINING uses batch statistics and draws new dropout masks. */
    public INDArray logits(INDArray x, Mode mode) {
        pending = null;
        return graph.outputInWorkspaces(cast(x), mode.train());
    }

    /** d(sum over the batch of T(z))/dx, same shape as x. */
    public INDArray inputGradient(INDArray x, Target target, Mode mode) {
        return pass(x, target, mode, null, true, false).inputGradient;
    }

    /** Activations at a named tap in inference mode (BN-folded twin), an owned copy; no backward pass. */
    public INDArray activations(INDArray x, String tapName) {
        return activations(x, List.of(tapName)).get(tapName);
    }

    /** Activations at several named taps from one forward pass in inference mode, tap name -> owned copy. */
    public Map<String, INDArray> activations(INDArray x, List<String> tapNames) {
        List<String> vertices = tapNames.stream().map(description::tapVertex).toList();
        Map<String, INDArray> acts = inferenceForward(x, vertices);
        Map<String, INDArray> out = new java.util.LinkedHashMap<>();
        for (int t = 0; t < tapNames.size(); t++) {
            out.put(tapNames.get(t), acts.get(vertices.get(t)));
        }
        return out;
    }

    /**
     * The inference-mode activations of every vertex of the graph (by vertex name, the input included), owned copies;
     * a folded BatchNorm vertex holds the BatchNorm's output. For methods that walk the graph themselves (LRP).
     */
    public Map<String, INDArray> vertexActivations(INDArray x) {
        return inferenceForward(x, null);
    }

    /**
     * Logits, activations at a named tap and dT/d(those activations).
     *
     * @param tapName a tap of the {@link ModelDescription} (e.g. {@link ModelDescription#LAST_CONV})
     */
    public TapResult tap(INDArray x, String tapName, Target target, Mode mode) {
        String vertex = description.tapVertex(tapName);
        Result r = pass(x, target, mode, vertex, false, false);
        return new TapResult(r.logits, r.tapActivations, r.tapGradient);
    }

    /**
     * d(sum over the batch of T(z))/dtheta as a flattened copy in the layout of {@code graph().params()}. In
     * TRAINING mode BatchNorm running-statistics entries hold DL4J's running-statistics update (see the class
     * comment); in INFERENCE mode they are 0. Overwrites the live gradient view.
     */
    public INDArray parameterGradient(INDArray x, Target target, Mode mode) {
        return pass(x, target, mode, null, false, true).parameterGradient;
    }

    /**
     * Forward pass for a training step: returns the logits (N x K) and leaves the graph (TRAINING: the live graph;
     * INFERENCE: the synced twin) ready for {@link #backward}.
     */
    public INDArray forward(INDArray x, Mode mode) {
        pending = null;
        InspectableGraph g = graphFor(mode);
        Map<String, INDArray> acts = g.forwardKeepingInputs(cast(x), mode.train());
        INDArray z = acts.get(description.logitsName()).dup();
        pending = new Pending(mode, g);
        return z;
    }

    /**
     * Back-propagates dL/dlogits (N x K, a raw per-batch sum convention: do not divide by N) after
     * {@link #forward}. The parameter gradient is the live graph's gradient view (see {@link Backward}).
     */
    public Backward backward(INDArray dLdLogits, boolean wantInputGradient) {
        if (pending == null) {
            throw new IllegalStateException("backward needs a preceding forward (one backward per forward)");
        }
        Pending p = pending;
        pending = null;
        try {
            p.graph.backpropKeepingEpsilons(dLdLogits.castTo(dataType()).dup());
            INDArray dx = wantInputGradient ? p.graph.epsilonOf(description.inputName()) : null;
            if (p.mode == Mode.INFERENCE) {
                folding().writeLiveGradient();
            }
            return new Backward(graph.gradientOverView(), dx);
        } finally {
            p.graph.clearPass();
        }
    }

    /**
     * A training step's forward and backward pass in one call, for steps that need only the parameter gradient and,
     * optionally, the input gradient: the same gradients as {@code forward(x, TRAINING)} then
     * {@code backward(dLdLogitsOf(z), wantInputGradient)} (same parameter-gradient layout and running-statistics
     * entries), but run inside DL4J's workspaces, so activations and activation gradients reuse memory from step to
     * step instead of being fresh native buffers (issue 6).
     *
     * @param dLdLogitsOf maps the logits (N x K, an owned copy) to dL/dlogits (raw per-batch sum convention, as for
     *                    {@link #backward}); called once, between the passes
     * @return the parameter gradient as {@link #backward} returns it, and dL/dx when asked for
     */
    public Backward trainingPass(INDArray x, UnaryOperator<INDArray> dLdLogitsOf, boolean wantInputGradient) {
        pending = null;
        InspectableGraph.Pass p = graph.passInWorkspaces(cast(x), true, description.logitsName(),
                z -> checkedGradient(dLdLogitsOf.apply(z), z), wantInputGradient);
        return new Backward(graph.gradientOverView(), p.inputGradient());
    }

    /** {@link #trainingPass(INDArray, UnaryOperator, boolean)} without the input gradient. */
    public Backward trainingPass(INDArray x, UnaryOperator<INDArray> dLdLogitsOf) {
        return trainingPass(x, dLdLogitsOf, false);
    }

    /**
     * Copies a flattened gradient (layout of {@code graph().params()}) into the live gradient view and returns
     * DL4J's Gradient over that view, ready for {@code graph().getUpdater().update(...)} (the updater works on the
     * view in place).
     */
    public Gradient loadGradient(INDArray flatGradient) {
        Gradient g = graph.gradientOverView();
        INDArray view = g.gradient();
        if (view.length() != flatGradient.length()) {
            throw new IllegalArgumentException("gradient length " + flatGradient.length() + " != " + view.length());
        }
        view.assign(flatGradient.reshape(view.shape()));
        return g;
    }

    /**
     * Sets to 0, in place, the BatchNorm running mean / variance (or log10-std) entries of a flattened gradient or
     * parameter-shaped vector (DESIGN.md decision 5: the extra passes of second-order terms must not move the
     * running statistics).
     */
    public void zeroRunningStatistics(INDArray flat) {
        INDArray v = flat.reshape(flat.length());
        for (long[] r : runningStatRanges) {
            v.get(NDArrayIndex.interval(r[0], r[0] + r[1])).assign(0);
        }
    }

    /** {offset, length} ranges of the BatchNorm running statistics in {@code graph().params()} (copies). */
    public List<long[]> runningStatisticsRanges() {
        List<long[]> out = new ArrayList<>();
        for (long[] r : runningStatRanges) {
            out.add(r.clone());
        }
        return out;
    }

    /** Snapshot of all parameters, restored on close. */
    public ParameterSnapshot snapshot() {
        return new ParameterSnapshot(graph.params(), List.of(new long[] {0, graph.params().length()}));
    }

    /** Snapshot of the BatchNorm running statistics only, restored on close. */
    public ParameterSnapshot snapshotRunningStatistics() {
        return new ParameterSnapshot(graph.params(), runningStatRanges);
    }

    /** The BN-folded inference twin, synced with the live parameters (for tests and diagnostics). */
    InspectableGraph inferenceTwin() {
        InspectableGraph t = folding().twin();
        folding().sync();
        return t;
    }

    // ---------------------------------------------------------------------------------------------------------

    private record Result(INDArray logits, INDArray inputGradient, INDArray tapActivations, INDArray tapGradient,
                          INDArray parameterGradient) {
    }

    private Result pass(INDArray x, Target target, Mode mode, String tapVertex, boolean wantInput,
                        boolean wantParams) {
        if (mode == Mode.INFERENCE && x.size(0) == 1) {
            // the BN-folded twin's 1x1 depthwise convolutions fail on a single row whose feature map is 1 x 1
            // (ND4J M2.1: "MmulHelper::dot: Z array must be scalar"); a second row with a zero output gradient
            // changes no gradient in inference mode, where examples do not interact
            Result two = pass(twoRows(cast(x)), z -> {
                INDArray g = Nd4j.zeros(z.dataType(), z.shape());
                g.putRow(0, target.outputGradient(firstRow(z)).getRow(0));
                return g;
            }, mode, tapVertex, wantInput, wantParams);
            return new Result(firstRow(two.logits), two.inputGradient == null ? null : firstRow(two.inputGradient),
                    two.tapActivations == null ? null : firstRow(two.tapActivations),
                    two.tapGradient == null ? null : firstRow(two.tapGradient), two.parameterGradient);
        }
        pending = null;
        InspectableGraph g = graphFor(mode);
        if (tapVertex == null) {
            InspectableGraph.Pass p = g.passInWorkspaces(cast(x), mode.train(), description.logitsName(),
                    z -> checkedGradient(target.outputGradient(z), z), wantInput);
            return new Result(p.output(), p.inputGradient(), null, null, wantParams ? parameterGradient(mode) : null);
        }
        try {
            Map<String, INDArray> acts = g.forwardKeepingInputs(cast(x), mode.train());
            INDArray z = acts.get(description.logitsName()).dup();
            INDArray tapActs = acts.get(tapVertex).dup();
            g.backpropKeepingEpsilons(checkedGradient(target.outputGradient(z.dup()), z));
            INDArray dx = wantInput ? g.epsilonOf(description.inputName()) : null;
            INDArray dTap = g.epsilonOf(tapVertex);
            return new Result(z, dx, tapActs, dTap, wantParams ? parameterGradient(mode) : null);
        } finally {
            g.clearPass();
        }
    }

    /** The flattened parameter gradient of the pass that just ran on the graph of {@code mode}, as a copy. */
    private INDArray parameterGradient(Mode mode) {
        if (mode == Mode.INFERENCE) {
            folding().writeLiveGradient();
        }
        return graph.gradientOverView().gradient().dup();
    }

    /** dT/dlogits from a target or loss, checked against the logits' shape and cast to the network's type. */
    private INDArray checkedGradient(INDArray eps, INDArray z) {
        if (!Arrays.equals(eps.shape(), z.shape())) {
            throw new IllegalArgumentException("target returned shape " + Arrays.toString(eps.shape())
                    + " for logits " + Arrays.toString(z.shape()));
        }
        return eps.castTo(dataType()).dup();
    }

    private InspectableGraph graphFor(Mode mode) {
        if (mode == Mode.TRAINING) {
            return graph;
        }
        BatchNormFolding f = folding();
        f.sync();
        return f.twin();
    }

    private BatchNormFolding folding() {
        if (folding == null) {
            folding = BatchNormFolding.of(graph, description.inputName(), description.inputShape());
        }
        return folding;
    }

    /**
     * One inference forward pass through the BN-folded twin: owned copies of the activations of {@code vertices}
     * (all vertices when null). A single row is padded to two (see {@link #pass}) and the copies keep its row.
     */
    private Map<String, INDArray> inferenceForward(INDArray x, List<String> vertices) {
        pending = null;
        boolean single = x.size(0) == 1;
        Map<String, INDArray> acts = graphFor(Mode.INFERENCE).forwardKeepingInputs(single ? twoRows(cast(x))
                : cast(x), false);
        Map<String, INDArray> out = new java.util.LinkedHashMap<>();
        for (String v : vertices == null ? List.copyOf(acts.keySet()) : vertices) {
            INDArray a = acts.get(v);
            out.put(v, single ? firstRow(a) : a.dup());
        }
        return out;
    }

    private static INDArray twoRows(INDArray x) {
        return Nd4j.concat(0, x, x);
    }

    private static INDArray firstRow(INDArray a) {
        return a.get(NDArrayIndex.interval(0, 1)).dup();
    }

    private INDArray cast(INDArray x) {
        return x.dataType() == dataType() ? x : x.castTo(dataType());
    }

    private static List<long[]> findRunningStatRanges(InspectableGraph g) {
        List<long[]> ranges = new ArrayList<>();
        long offset = 0;
        for (int idx : g.topologicalSortOrder()) {
            GraphVertex v = g.getVertices()[idx];
            if (!v.hasLayer()) {
                continue;
            }
            Layer layer = v.getLayer();
            long n = layer.numParams();
            if (layer.conf().getLayer() instanceof BatchNormalization bn) {
                long c = bn.getNOut();
                long start = offset + (bn.isLockGammaBeta() ? 0 : 2 * c);
                ranges.add(new long[] {start, 2 * c});
            }
            offset += n;
        }
        if (offset != g.numParams()) {
            throw new IllegalStateException("parameter layout mismatch: " + offset + " != " + g.numParams());
        }
        return List.copyOf(ranges);
    }
}
