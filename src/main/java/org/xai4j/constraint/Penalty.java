package org.xai4j.constraint;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The per-voxel penalty {@code phi(a, t)} of the attribution constraint, for an attribution value {@code a} and a
 * voxel target {@code t} in [0, 1] (0 = "must not push towards pathological", the value every voxel of a healthy
 * image gets). With {@code t = 0} the three reduce to {@code softplus(a)}, {@code relu(a)} and {@code a^2}.
 */
public enum Penalty {
    /**
     * Binary cross-entropy with logits of the attribution against the target, {@code softplus(a) - t a} (the code of
     * Wargnier-Dauchelle et al., IEEE TMI 2023). Computed stably for any {@code a}.
     */
    @JsonProperty("softplus") SOFTPLUS {
        @Override
        public double value(double a, double t) {
            return softplus(a) - t * a;
        }

        @Override
        public double derivative(double a, double t) {
            return sigmoid(a) - t;
        }
    },
    /** One-sided hinge {@code (1 - t) relu(a)}: only attributions towards "pathological" are penalised. */
    @JsonProperty("relu") RELU {
        @Override
        public double value(double a, double t) {
            return (1 - t) * Math.max(a, 0);
        }

        @Override
        public double derivative(double a, double t) {
            return a > 0 ? 1 - t : 0;
        }
    },
    /** "Right for the right reasons" (Ross et al., IJCAI 2017): {@code (1 - t) a^2}. */
    @JsonProperty("squared") SQUARED {
        @Override
        public double value(double a, double t) {
            return (1 - t) * a * a;
        }

        @Override
        public double derivative(double a, double t) {
            return 2 * (1 - t) * a;
        }
    };

    /** phi(a, t). */
    public abstract double value(double a, double t);

    /** d phi / da at (a, t). */
    public abstract double derivative(double a, double t);

    static double softplus(double a) {
        return a > 0 ? a + Math.log1p(Math.exp(-a)) : Math.log1p(Math.exp(a));
    }

    static double sigmoid(double a) {
        if (a >= 0) {
            return 1 / (1 + Math.exp(-a));
        }
        double e = Math.exp(a);
        return e / (1 + e);
    }
}
