package org.xai4j.loss;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.xai4j.data.LabelTask;
import org.xai4j.data.Sample;
import org.xai4j.data.SampleSet;

/**
 * The open registry of classification losses by name ({@code train.loss}; METHODS.md section 1). Adding a loss is
 * one class implementing {@link LogitLoss} and one {@link #register} line; an unknown name is an error listing the
 * registered ones (checked when the config loads).
 */
public final class Losses {
    /**
     * What a loss may read from the run: the data set (labels, task) and its training split (for class weights).
     *
     * @param beta how weighted BCE's class weights are counted
     */
    public record Context(SampleSet data, List<Sample> train, BetaMode beta) {
    }

    /** Makes the loss of one run. */
    @FunctionalInterface
    public interface Factory {
        LogitLoss create(Context context);
    }

    private static final Map<String, Factory> FACTORIES = new LinkedHashMap<>();

    static {
        register("weighted-bce", c -> WeightedBce.weighted(c.beta(), WeightedBce.datasetBeta(
                c.train().stream().map(Sample::labels).toArray(float[][]::new), c.data().numLabels())));
        register("bce", c -> WeightedBce.plain(c.data().numLabels()));
        register("softmax-ce", c -> {
            if (c.data().task() != LabelTask.MULTI_CLASS) {
                throw new IllegalArgumentException("train.loss: softmax-ce needs multi-class labels, but the data are "
                        + c.data().task().name().toLowerCase(Locale.ROOT) + " (allowed here: weighted-bce, bce)");
            }
            return new SoftmaxCrossEntropy(c.data().numLabels());
        });
    }

    private Losses() {
    }

    /** Registers (or replaces) the loss {@code name} (lower case, as written in {@code train.loss}). */
    public static synchronized void register(String name, Factory factory) {
        if (name == null || !name.matches("[a-z0-9][a-z0-9_-]*")) {
            throw new IllegalArgumentException("loss names use lower-case letters, digits, '_' and '-', got " + name);
        }
        FACTORIES.put(name, factory);
    }

    /** The registered names, in registration order. */
    public static synchronized List<String> names() {
        return List.copyOf(FACTORIES.keySet());
    }

    /** The loss {@code name} for a run. */
    public static LogitLoss create(String name, Context context) {
        Factory f;
        synchronized (Losses.class) {
            f = FACTORIES.get(name);
        }
        if (f == null) {
            throw unknown(name);
        }
        return f.create(context);
    }

    /** {@code name} itself when registered, else the error listing the registered names. */
    public static String requireKnown(String name) {
        synchronized (Losses.class) {
            if (FACTORIES.containsKey(name)) {
                return name;
            }
        }
        throw unknown(name);
    }

    private static IllegalArgumentException unknown(String name) {
        return new IllegalArgumentException("loss: unknown '" + name + "' (allowed: " + String.join(", ", names())
                + ")");
    }
}
