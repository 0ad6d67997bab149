package org.xai4j.adversarial;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The L2 ball: the whole perturbation of an image has Euclidean norm at most epsilon. Projection rescales a
 * perturbation longer than epsilon onto the sphere, the step is {@code stepSize * g / ||g||_2}, and the random
 * start is a point on the sphere in a uniformly random direction (MadryLab's {@code L2Step.random_perturb}).
 * Used by the skin-lesion recipe of Margeloiu et al. (2020) with epsilon scaled with the number of pixels.
 */
public record L2Ball(double epsilon) implements ThreatModel {
    /** Added to a norm before dividing by it, as MadryLab does, so a zero gradient gives a zero step. */
    static final double TINY = 1e-10;

    public L2Ball {
        Balls.checkEpsilon(epsilon);
    }

    @Override
    public String name() {
        return "l2";
    }

    @Override
    public INDArray project(INDArray x, INDArray x0) {
        INDArray delta = x.sub(x0);
        double[] norms = norms(delta);
        double[] factor = new double[norms.length];
        for (int i = 0; i < norms.length; i++) {
            factor[i] = norms[i] > epsilon ? epsilon / norms[i] : 1.0;
        }
        return x0.add(delta.muliColumnVector(column(factor, delta.dataType())));
    }

    @Override
    public INDArray step(INDArray gradient, double stepSize) {
        double[] norms = norms(gradient);
        double[] factor = new double[norms.length];
        for (int i = 0; i < norms.length; i++) {
            factor[i] = stepSize / (norms[i] + TINY);
        }
        return gradient.mulColumnVector(column(factor, gradient.dataType()));
    }

    @Override
    public INDArray randomPerturbation(long n, long d, DataType dataType, SplittableRandom rng) {
        double[][] v = new double[Math.toIntExact(n)][Math.toIntExact(d)];
        for (double[] row : v) {
            double sq = 0;
            for (int j = 0; j < row.length; j++) {
                row[j] = gaussian(rng);
                sq += row[j] * row[j];
            }
            double scale = epsilon / (Math.sqrt(sq) + TINY);
            for (int j = 0; j < row.length; j++) {
                row[j] *= scale;
            }
        }
        return Nd4j.createFromArray(v).castTo(dataType);
    }

    @Override
    public double[] norms(INDArray delta) {
        return delta.castTo(DataType.DOUBLE).norm2(1).toDoubleVector();
    }

    private static INDArray column(double[] values, DataType dataType) {
        return Nd4j.createFromArray(values).reshape(values.length, 1).castTo(dataType);
    }

    /** A standard normal draw (Marsaglia's polar method). */
    private static double gaussian(SplittableRandom rng) {
        double u;
        double v;
        double s;
        do {
            u = 2 * rng.nextDouble() - 1;
            v = 2 * rng.nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        return u * Math.sqrt(-2 * Math.log(s) / s);
    }
}
