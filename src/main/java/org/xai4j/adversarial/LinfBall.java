package org.xai4j.adversarial;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The L-infinity ball: every pixel may move by at most epsilon. Projection clips each coordinate of the
 * perturbation to {@code [-epsilon, epsilon]}, the step is {@code stepSize * sign(g)} (FGSM's direction,
 * Goodfellow et al. 2015), the random start is uniform in the cube (Madry et al. 2018).
 */
public record LinfBall(double epsilon) implements ThreatModel {
    public LinfBall {
        Balls.checkEpsilon(epsilon);
    }

    @Override
    public String name() {
        return "linf";
    }

    @Override
    public INDArray project(INDArray x, INDArray x0) {
        INDArray delta = x.sub(x0);
        return x0.add(Transforms.min(Transforms.max(delta, -epsilon, false), epsilon, false));
    }

    @Override
    public INDArray step(INDArray gradient, double stepSize) {
        return Transforms.sign(gradient, true).muli(stepSize);
    }

    @Override
    public INDArray randomPerturbation(long n, long d, DataType dataType, SplittableRandom rng) {
        double[] v = new double[Math.toIntExact(n * d)];
        for (int i = 0; i < v.length; i++) {
            v[i] = (2 * rng.nextDouble() - 1) * epsilon;
        }
        return Nd4j.createFromArray(v).reshape(n, d).castTo(dataType);
    }

    @Override
    public double[] norms(INDArray delta) {
        return delta.castTo(DataType.DOUBLE).amax(1).toDoubleVector();
    }
}
