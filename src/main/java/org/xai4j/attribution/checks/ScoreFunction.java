package org.xai4j.attribution.checks;

import java.util.Locale;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.attribution.TargetValues;
import org.xai4j.model.Mode;
import org.xai4j.model.ModelAdapter;
import org.xai4j.model.Target;

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

    /**
     * The score of each row of {@code images} (perturbed copies of the examples of a batch of {@code batch}: row r
     * belongs to example {@code examples[r]}), in inference mode: {@code sum_k dT/dz_k s(z)_k}.
     */
    double[] scores(ModelAdapter adapter, Target target, int batch, int[] examples, INDArray images) {
        INDArray z = adapter.logits(images.castTo(adapter.dataType()), Mode.INFERENCE).castTo(DataType.DOUBLE);
        INDArray g = TargetValues.outputGradient(target, batch, examples, z).castTo(DataType.DOUBLE);
        double[] out = new double[examples.length];
        for (int r = 0; r < examples.length; r++) {
            double[] s = apply(z.getRow(r).toDoubleVector());
            for (int k = 0; k < s.length; k++) {
                out[r] += g.getDouble(r, k) * s[k];
            }
        }
        return out;
    }

    public static ScoreFunction parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("score: unknown '" + s + "' (allowed: logit, sigmoid, softmax)");
        }
    }
}
