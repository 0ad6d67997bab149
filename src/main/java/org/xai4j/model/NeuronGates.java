package org.xai4j.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The shared state of the gates a {@link GatedGraph} puts after every neuron layer (the output of each ReLU): per
 * layer, whether the pass records the layer's activations and the gradient at them, a factor on the layer's output,
 * and a pathway, the neurons that stay live while every other neuron holds a constant (its value for the explained
 * image), so that no gradient flows through it. Set before a pass, read after it; the arrays of a pass have the
 * batch's rows. Not thread safe.
 */
public final class NeuronGates {
    static final class State {
        INDArray keep;
        INDArray constant;
        double scale = 1;
        INDArray activation;
        INDArray gradient;
    }

    private final Map<String, State> states = new LinkedHashMap<>();
    private boolean recording;

    NeuronGates(List<String> layers) {
        for (String l : layers) {
            states.put(l, new State());
        }
    }

    /** The neuron layers (vertex names), in topological order. */
    public List<String> layers() {
        return List.copyOf(states.keySet());
    }

    /** Whether passes record every layer's activations and the gradients at them. */
    public void recording(boolean on) {
        recording = on;
        if (!on) {
            states.values().forEach(s -> {
                s.activation = null;
                s.gradient = null;
            });
        }
    }

    boolean recording() {
        return recording;
    }

    /** The activations of {@code layer} in the last recorded forward pass (before any factor). */
    public INDArray activation(String layer) {
        return state(layer).activation;
    }

    /** The gradient at the output of {@code layer} in the last recorded backward pass. */
    public INDArray gradient(String layer) {
        return state(layer).gradient;
    }

    /** Multiplies the output of {@code layer} by {@code factor} (1: unchanged). */
    public void scale(String layer, double factor) {
        state(layer).scale = factor;
    }

    /**
     * Keeps the neurons of {@code layer} where {@code keep} is 1 and holds the others at {@code constant} (both shaped
     * as the layer's activations for the batch; null: every neuron live).
     */
    public void pathway(String layer, INDArray keep, INDArray constant) {
        State s = state(layer);
        s.keep = keep;
        s.constant = constant;
    }

    /** Every layer live and unscaled, nothing recorded. */
    public void reset() {
        recording(false);
        states.values().forEach(s -> {
            s.keep = null;
            s.constant = null;
            s.scale = 1;
        });
    }

    State state(String layer) {
        State s = states.get(layer);
        if (s == null) {
            throw new IllegalArgumentException("no neuron layer '" + layer + "' (layers: " + states.keySet() + ")");
        }
        return s;
    }
}
