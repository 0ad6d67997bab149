package org.xai4j.engine;

import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.deeplearning4j.nn.api.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The switches of a graph's piecewise-linear layers (which units of each {@link ReluLayer} are on, where each window
 * of a {@link MaxPoolLayer} has its maximum), recorded in one pass and replayed in later ones. While a pattern is
 * replayed, every rectifier computes {@code y = s * x} and {@code dx = s * dy} with the recorded slopes {@code s}
 * (1 where the unit was on, the negative slope where it was off) and every max-pooling layer selects the recorded
 * positions, instead of re-deciding from their input: the network becomes the linear piece it was on at the
 * recorded point, which equals the network there and has the same derivatives of every order (almost everywhere,
 * the ones double back-propagation computes: a ReLU's second derivative is 0).
 *
 * <p>Why (issue 12): a finite-difference Hessian-vector product {@code (g(x + h u) - g(x)) / h} of a ReLU network
 * picks up a jump of size O(1/h) for every unit that switches between {@code x} and {@code x + h u}; in a trained
 * network with millions of units per batch some always do, and their sum dominated the constraint's gradient
 * (measured in docs/attribution-constraint.md). With the switches replayed the difference has no jumps, so it is
 * accurate for any small step and a step large enough to keep float32 round-off low can be used.
 *
 * <p>One instance per graph, shared by its rectifier and max-pooling layers ({@link FastLayers#install}); not thread
 * safe. Rectifiers inside other layers (a dense layer's own ReLU activation, as in VGG's classifier) are not held.
 */
public final class ActivationSwitches {
    /** What one pass recorded, by layer: the slopes of a rectifier, the window maxima of a max-pooling layer. */
    public static final class Pattern {
        private final Map<Layer, Entry> entries = new IdentityHashMap<>();

        /** Number of layers recorded. */
        public int layers() {
            return entries.size();
        }

        /** Number of recorded switches (rectifier units and pooling windows). */
        public long elements() {
            return entries.values().stream().mapToLong(e -> e.value() instanceof INDArray slopes ? slopes.length()
                    : ((MaxPoolLayer.Switches) e.value()).argmax().length).sum();
        }
    }

    private record Entry(long[] inputShape, Object value) {
    }

    private Pattern recording;
    private Pattern replaying;

    /** Runs {@code pass} recording the switches of every layer into a new pattern, which it returns. */
    public Pattern record(Runnable pass) {
        Pattern p = new Pattern();
        record(p, () -> {
            pass.run();
            return null;
        });
        return p;
    }

    /** Runs {@code pass} recording the switches of every layer into {@code into}. */
    public <T> T record(Pattern into, Supplier<T> pass) {
        return during(into, null, pass);
    }

    /** Runs {@code pass} with the switches of {@code pattern} replayed in every layer. */
    public <T> T replay(Pattern pattern, Supplier<T> pass) {
        return during(null, pattern, pass);
    }

    private <T> T during(Pattern record, Pattern replay, Supplier<T> pass) {
        if (recording != null || replaying != null) {
            throw new IllegalStateException("switches are already being recorded or replayed");
        }
        recording = record;
        replaying = replay;
        try {
            return pass.get();
        } finally {
            recording = null;
            replaying = null;
        }
    }

    /** The slopes to replay in {@code layer}, or null when no pattern is replayed. */
    INDArray replayed(ReluLayer layer, long[] inputShape) {
        return (INDArray) replayed((Layer) layer, inputShape);
    }

    /** The window maxima to replay in {@code layer}, or null when no pattern is replayed. */
    MaxPoolLayer.Switches replayed(MaxPoolLayer layer, long[] inputShape) {
        return (MaxPoolLayer.Switches) replayed((Layer) layer, inputShape);
    }

    private Object replayed(Layer layer, long[] inputShape) {
        if (replaying == null) {
            return null;
        }
        Entry e = replaying.entries.get(layer);
        if (e == null) {
            throw new IllegalStateException("no recorded switches for layer '" + layer.conf().getLayer().getLayerName()
                    + "': the pattern was recorded on another graph or path");
        }
        if (!Arrays.equals(e.inputShape(), inputShape)) {
            throw new IllegalArgumentException("layer '" + layer.conf().getLayer().getLayerName() + "': switches "
                    + "recorded for shape " + Arrays.toString(e.inputShape()) + ", replayed on "
                    + Arrays.toString(inputShape));
        }
        return e.value();
    }

    /** Whether the current pass records. */
    boolean recording() {
        return recording != null;
    }

    /** Stores the slopes of {@code layer} (an array outside any workspace, the shape of its input). */
    void recorded(ReluLayer layer, INDArray slopes) {
        recording.entries.put(layer, new Entry(slopes.shape(), slopes));
    }

    /** Stores the window maxima of {@code layer}. */
    void recorded(MaxPoolLayer layer, MaxPoolLayer.Switches maxima) {
        recording.entries.put(layer, new Entry(maxima.inputShape(), maxima));
    }
}
