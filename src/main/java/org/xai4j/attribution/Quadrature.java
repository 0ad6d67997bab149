package org.xai4j.attribution;

import java.util.Locale;

/**
 * How Integrated Gradients approximates the path integral {@code int_0^1 dF/dx(b + a (x - b)) da}: nodes
 * {@code a_i} in [0, 1] and weights {@code w_i} summing to 1. The Riemann rules and Gauss-Legendre are Captum's
 * {@code method} choices ({@code riemann_left}, {@code riemann_right}, {@code riemann_middle},
 * {@code riemann_trapezoid}, {@code gausslegendre}, Captum's default).
 */
public enum Quadrature {
    /** a_i = i / n, i = 0..n-1, w_i = 1/n. */
    RIEMANN_LEFT,
    /** a_i = i / n, i = 1..n, w_i = 1/n (with n = 1 and a zero baseline IG is Input x Gradient). */
    RIEMANN_RIGHT,
    /** a_i = (i + 1/2) / n, w_i = 1/n. */
    RIEMANN_MIDDLE,
    /** a_i = i / (n - 1), i = 0..n-1, weights 1/(n-1) with the end points halved (n >= 2). */
    RIEMANN_TRAPEZOID,
    /** Gauss-Legendre nodes and weights mapped from [-1, 1] to [0, 1]; exact for polynomials of degree 2n - 1. */
    GAUSS_LEGENDRE;

    /** Nodes and weights of an n-point rule. */
    public record Nodes(double[] alphas, double[] weights) {
    }

    /** The n-point rule. */
    public Nodes nodes(int n) {
        if (n < 1 || (this == RIEMANN_TRAPEZOID && n < 2)) {
            throw new IllegalArgumentException("steps: " + label() + " needs at least " + (this == RIEMANN_TRAPEZOID
                    ? 2 : 1) + " steps, got " + n);
        }
        double[] a = new double[n];
        double[] w = new double[n];
        switch (this) {
            case RIEMANN_LEFT, RIEMANN_RIGHT, RIEMANN_MIDDLE -> {
                double shift = this == RIEMANN_LEFT ? 0 : this == RIEMANN_RIGHT ? 1 : 0.5;
                for (int i = 0; i < n; i++) {
                    a[i] = (i + shift) / n;
                    w[i] = 1.0 / n;
                }
            }
            case RIEMANN_TRAPEZOID -> {
                for (int i = 0; i < n; i++) {
                    a[i] = (double) i / (n - 1);
                    w[i] = (i == 0 || i == n - 1 ? 0.5 : 1.0) / (n - 1);
                }
            }
            default -> gaussLegendre(a, w);
        }
        return new Nodes(a, w);
    }

    /** Config spelling: {@code riemann_left}, ..., {@code gausslegendre} (Captum's names). */
    public String label() {
        return this == GAUSS_LEGENDRE ? "gausslegendre" : name().toLowerCase(Locale.ROOT);
    }

    /** Parses Captum's method names (case-insensitive; {@code gauss_legendre} also accepted). */
    @com.fasterxml.jackson.annotation.JsonCreator
    public static Quadrature parse(String s) {
        String v = s.trim().toLowerCase(Locale.ROOT).replace('-', '_');
        for (Quadrature q : values()) {
            if (q.label().equals(v) || q.name().toLowerCase(Locale.ROOT).equals(v)) {
                return q;
            }
        }
        throw new IllegalArgumentException("quadrature: unknown '" + s + "' (allowed: riemann_left, riemann_right, "
                + "riemann_middle, riemann_trapezoid, gausslegendre)");
    }

    /** Newton iteration on the Legendre polynomial P_n from Chebyshev-like starting points (Numerical Recipes gauleg). */
    private static void gaussLegendre(double[] alphas, double[] weights) {
        int n = alphas.length;
        for (int i = 0; i < (n + 1) / 2; i++) {
            double t = Math.cos(Math.PI * (i + 0.75) / (n + 0.5));
            double dp = 0;
            for (int iter = 0; iter < 100; iter++) {
                double p0 = 1;
                double p1 = t;
                for (int k = 2; k <= n; k++) {
                    double p2 = ((2 * k - 1) * t * p1 - (k - 1) * p0) / k;
                    p0 = p1;
                    p1 = p2;
                }
                dp = n * (t * p1 - p0) / (t * t - 1); // P_n'(t) from P_n = p1, P_{n-1} = p0
                double dt = p1 / dp;
                t -= dt;
                if (Math.abs(dt) < 1e-16) {
                    break;
                }
            }
            double wt = 2 / ((1 - t * t) * dp * dp);
            // t > 0 for i < n/2: node (1 - t)/2 on the left, (1 + t)/2 on the right
            alphas[i] = (1 - t) / 2;
            alphas[n - 1 - i] = (1 + t) / 2;
            weights[i] = wt / 2;
            weights[n - 1 - i] = wt / 2;
        }
    }
}
