package org.xai4j.faithfulness.axioms;

/**
 * The two outputs the axiom scenarios are written for, each a fixed linear function {@code w . z} of the logits
 * (so every attribution method explains it through {@link org.xai4j.model.Target#weights}): two classes of a
 * multi-label model, or, for a model with one logit, the logit and its negation. In the second case the two move
 * together, so conditions that ask one to stay put while the other changes cannot hold: {@link #independent()}
 * is false and the scenarios drop those conditions (and say so in their report).
 *
 * @param first       weights of the first output over the K logits
 * @param second      weights of the second output
 * @param firstName   e.g. {@code tumor} or {@code z}
 * @param secondName  e.g. {@code ms} or {@code -z}
 * @param independent whether the two are different logits
 */
public record OutputPair(double[] first, double[] second, String firstName, String secondName, boolean independent) {
    /**
     * The outputs of a K-logit model: the classes {@code requested} (two indices), or the first two when it is null;
     * z and -z when K = 1, where requesting classes is an error.
     */
    public static OutputPair of(int numOutputs, int[] requested, java.util.List<String> labels) {
        if (requested == null) {
            return of(numOutputs, 0, Math.min(1, numOutputs - 1), labels);
        }
        if (numOutputs == 1) {
            throw new IllegalArgumentException("--outputs: the model has one logit; its two outputs are z and -z");
        }
        return of(numOutputs, requested[0], requested[1], labels);
    }

    /** Classes {@code a} and {@code b} of a K-logit model (named by {@code labels}), or z and -z when K = 1. */
    public static OutputPair of(int numOutputs, int a, int b, java.util.List<String> labels) {
        if (numOutputs == 1) {
            return new OutputPair(new double[] {1}, new double[] {-1}, "z", "-z", false);
        }
        if (a == b || a < 0 || b < 0 || a >= numOutputs || b >= numOutputs) {
            throw new IllegalArgumentException("--outputs: two different class indices in [0, " + (numOutputs - 1)
                    + "], got " + a + "," + b);
        }
        double[] wa = new double[numOutputs];
        double[] wb = new double[numOutputs];
        wa[a] = 1;
        wb[b] = 1;
        return new OutputPair(wa, wb, name(labels, a), name(labels, b), true);
    }

    private static String name(java.util.List<String> labels, int k) {
        return labels != null && k < labels.size() ? labels.get(k) : "class " + k;
    }

    /** The weights of output 0 (first) or 1 (second). */
    public double[] weights(int output) {
        return output == 0 ? first : second;
    }

    /** The name of output 0 or 1. */
    public String name(int output) {
        return output == 0 ? firstName : secondName;
    }

    /** Output {@code output} of one row of logits. */
    double value(int output, double[] logits) {
        double[] w = weights(output);
        double s = 0;
        for (int k = 0; k < w.length; k++) {
            s += w[k] * logits[k];
        }
        return s;
    }
}
