package org.xai4j.data;

import java.util.Random;

/**
 * A smooth random field on the image grid, a sum of separable terms {@code amp * sin(f u + a) * sin(g v + b)} in
 * normalised image coordinates ({@code u, v} in [-1, 1]). Tabulated per row and column, so sampling is a few
 * multiplications per pixel and the result is bit-reproducible.
 */
final class SeparableField {
    private final int size;
    private final double[][] rows;
    private final double[][] cols;

    private SeparableField(int size, double[][] cols, double[][] rows) {
        this.size = size;
        this.cols = cols;
        this.rows = rows;
    }

    /**
     * {@code terms} terms with angular frequencies uniform in [fMin, fMax] and amplitudes summing to at most
     * {@code amplitude}.
     */
    static SeparableField random(int size, int terms, double fMin, double fMax, double amplitude, Random rng) {
        double[][] cols = new double[terms][size];
        double[][] rows = new double[terms][size];
        for (int k = 0; k < terms; k++) {
            double amp = amplitude / terms * (0.5 + 0.5 * rng.nextDouble());
            double f = fMin + (fMax - fMin) * rng.nextDouble();
            double g = fMin + (fMax - fMin) * rng.nextDouble();
            double a = 2 * Math.PI * rng.nextDouble();
            double b = 2 * Math.PI * rng.nextDouble();
            for (int i = 0; i < size; i++) {
                double c = (i + 0.5) * 2.0 / size - 1;
                cols[k][i] = amp * StrictMath.sin(f * c + a);
                rows[k][i] = StrictMath.sin(g * c + b);
            }
        }
        return new SeparableField(size, cols, rows);
    }

    double at(int x, int y) {
        double s = 0;
        for (int k = 0; k < cols.length; k++) {
            s += cols[k][x] * rows[k][y];
        }
        return s;
    }

    int size() {
        return size;
    }
}
