package org.xai4j.adversarial;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The set of allowed perturbations {@code Delta = {delta : ||delta|| <= epsilon}} of one threat model, i.e. the
 * geometry an attack needs (MadryLab's {@code AttackerStep}: {@code project}, {@code step},
 * {@code random_perturb}), kept apart from the attack loop (Madry et al., ICLR 2018). Every array is a batch of
 * flattened examples, N x D (one row per example); the norm is taken per row. Implementations never modify their
 * arguments and return new arrays.
 */
public interface ThreatModel {
    /** Short name of the norm ({@code linf}, {@code l2}), used in file names and tables. */
    String name();

    /** The radius of the ball, in input units. */
    double epsilon();

    /** Projects each row of {@code x} onto the ball of radius epsilon around the matching row of {@code x0}. */
    INDArray project(INDArray x, INDArray x0);

    /**
     * The steepest-ascent step of length {@code stepSize} (in this norm) for the gradient {@code gradient}:
     * {@code stepSize * sign(g)} (Linf) or {@code stepSize * g / ||g||_2} (L2).
     */
    INDArray step(INDArray gradient, double stepSize);

    /** A random perturbation inside the ball for {@code n} examples of {@code d} values, drawn from {@code rng}. */
    INDArray randomPerturbation(long n, long d, DataType dataType, SplittableRandom rng);

    /** The norm of each row of {@code delta}, in double precision. */
    double[] norms(INDArray delta);
}
