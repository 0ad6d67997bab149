package org.xai4j.attribution;

import java.util.Arrays;
import java.util.Locale;

/**
 * The model term of the information bottleneck's objective, on the logits {@code z} of one noisy sample, for a target
 * whose weights on the logits are {@code w = dT/dz} (one-hot for a class) and score {@code s = w . z}: the
 * classification losses of IBA (Schulz et al. 2020: cross entropy of the explained class) and the regression losses of
 * Regression IBA (Khakzar et al., "Explaining COVID-19 and thoracic pathology model predictions by identifying
 * informative input features", MICCAI 2021).
 */
public enum BottleneckLoss {
    /** {@code sum_k w_k * -log sigmoid(z_k)}: binary cross entropy of the target classes (single-logit, multi-label). */
    SIGMOID("sigmoid"),
    /** {@code -sum_k w_k log softmax(z)_k}: cross entropy of the target class of a multi-class head. */
    SOFTMAX("softmax"),
    /** {@code (s - y)^2} with the label y of the options. */
    SQUARED_ERROR("squared-error"),
    /** {@code s^2}. */
    SQUARED("squared"),
    /** {@code (s - s(x))^2}: keep the output the clean image gives. */
    SQUARED_CHANGE("squared-change");

    private final String label;

    BottleneckLoss(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The loss named {@code s} (case-insensitive), or an IllegalArgumentException listing the names. */
    public static BottleneckLoss parse(String s) {
        for (BottleneckLoss l : values()) {
            if (l.label.equalsIgnoreCase(s.trim())) {
                return l;
            }
        }
        throw new IllegalArgumentException("loss: expected one of "
                + Arrays.stream(values()).map(BottleneckLoss::label).toList() + ", got '" + s + "'");
    }

    /**
     * The loss of one row of logits and its gradient (written into {@code gradient}).
     *
     * @param z        the row's logits
     * @param w        the target's weights on them
     * @param clean    the score {@code s(x)} of the clean image (for {@link #SQUARED_CHANGE})
     * @param y        the regression label (for {@link #SQUARED_ERROR})
     * @param gradient receives dLoss/dz, same length as z
     */
    double valueAndGradient(double[] z, double[] w, double clean, double y, double[] gradient) {
        int k = z.length;
        switch (this) {
            case SIGMOID -> {
                double v = 0;
                for (int i = 0; i < k; i++) {
                    v += w[i] * softplus(-z[i]);
                    gradient[i] = -w[i] * sigmoid(-z[i]);
                }
                return v;
            }
            case SOFTMAX -> {
                double max = Arrays.stream(z).max().orElse(0);
                double sum = 0;
                for (double v : z) {
                    sum += Math.exp(v - max);
                }
                double logSum = max + Math.log(sum);
                double wSum = 0;
                double v = 0;
                for (int i = 0; i < k; i++) {
                    v -= w[i] * (z[i] - logSum);
                    wSum += w[i];
                }
                for (int i = 0; i < k; i++) {
                    gradient[i] = -w[i] + wSum * Math.exp(z[i] - logSum);
                }
                return v;
            }
            default -> {
                double s = 0;
                for (int i = 0; i < k; i++) {
                    s += w[i] * z[i];
                }
                double r = switch (this) {
                    case SQUARED_ERROR -> s - y;
                    case SQUARED_CHANGE -> s - clean;
                    default -> s;
                };
                for (int i = 0; i < k; i++) {
                    gradient[i] = 2 * r * w[i];
                }
                return r * r;
            }
        }
    }

    static double sigmoid(double a) {
        return a >= 0 ? 1 / (1 + Math.exp(-a)) : Math.exp(a) / (1 + Math.exp(a));
    }

    private static double softplus(double a) {
        return Math.max(a, 0) + Math.log1p(Math.exp(-Math.abs(a)));
    }

    @Override
    public String toString() {
        return label.toLowerCase(Locale.ROOT);
    }
}
