package org.xai4j.attribution.checks;

import java.util.Locale;

/**
 * How the model's output is turned into the score that insertion/deletion curves follow: for a target with
 * dT/dz = g the score is {@code sum_k g_k s(z)_k}, where s is the identity (the logit, i.e. T itself), the logistic
 * sigmoid (binary and multi-label heads) or the softmax (multi-class heads; Petsiuk et al. use class probabilities).
 */
public enum ScoreFunction {
    LOGIT, SIGMOID, SOFTMAX;

    /** Applies s to one row of logits. */
    double[] apply(double[] z) {
        double[] s = new double[z.length];
        switch (this) {
            case LOGIT -> System.arraycopy(z, 0, s, 0, z.length);
            case SIGMOID -> {
                for (int k = 0; k < z.length; k++) {
                    s[k] = 1 / (1 + Math.exp(-z[k]));
                }
            }
            default -> {
                double max = Double.NEGATIVE_INFINITY;
                for (double v : z) {
                    max = Math.max(max, v);
                }
                double sum = 0;
                for (int k = 0; k < z.length; k++) {
                    s[k] = Math.exp(z[k] - max);
                    sum += s[k];
                }
                for (int k = 0; k < z.length; k++) {
                    s[k] /= sum;
                }
            }
        }
        return s;
    }

    public static ScoreFunction parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("score: unknown '" + s + "' (allowed: logit, sigmoid, softmax)");
        }
    }
}
