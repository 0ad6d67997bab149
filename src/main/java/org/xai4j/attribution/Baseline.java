package org.xai4j.attribution;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The reference input of a path method (Integrated Gradients): a function of the batch returning a batch of the same
 * shape. METHODS.md section 4 names black (zero), uniform noise, Gaussian noise around x and the blurred image, and
 * warns that black is wrong when the lesion is dark. Random baselines draw from their own seeded generator at every
 * call, so repeated calls (and the completeness delta) see the same baseline.
 */
@FunctionalInterface
public interface Baseline {
    /** Names accepted by {@link #named}. */
    List<String> NAMES = List.of("zero", "uniform", "gaussian", "blur");
    /** Default noise of the {@code gaussian} baseline (METHODS.md section 4). */
    double GAUSSIAN_SIGMA = 1.0;
    /** Default blur of the {@code blur} baseline, in pixels. */
    double BLUR_SIGMA = 5.0;

    /** The baseline of a batch (N x C x H x W), a new array of the same shape and data type. */
    INDArray of(INDArray inputs);

    /** All zeros ("black"). */
    static Baseline zero() {
        return x -> Nd4j.zeros(x.dataType(), x.shape());
    }

    /** A constant image. */
    static Baseline constant(double value) {
        return x -> Nd4j.valueArrayOf(x.shape(), value, x.dataType());
    }

    /** Independent uniform noise in [lo, hi) per pixel. */
    static Baseline uniform(double lo, double hi, long seed) {
        if (!(hi > lo)) {
            throw new IllegalArgumentException("uniform baseline: need lo < hi, got " + lo + ", " + hi);
        }
        return x -> {
            Random r = new Random(seed);
            double[] v = new double[(int) x.length()];
            for (int i = 0; i < v.length; i++) {
                v[i] = lo + (hi - lo) * r.nextDouble();
            }
            return Nd4j.create(v, x.shape(), DataType.DOUBLE).castTo(x.dataType());
        };
    }

    /** x plus independent Gaussian noise of standard deviation {@code sigma} (METHODS.md: sigma 1). */
    static Baseline gaussian(double sigma, long seed) {
        if (!(sigma >= 0)) {
            throw new IllegalArgumentException("gaussian baseline: sigma must be >= 0, got " + sigma);
        }
        return x -> {
            Random r = new Random(seed);
            double[] v = x.castTo(DataType.DOUBLE).dup().data().asDouble();
            for (int i = 0; i < v.length; i++) {
                v[i] += sigma * r.nextGaussian();
            }
            return Nd4j.create(v, x.shape(), DataType.DOUBLE).castTo(x.dataType());
        };
    }

    /** The image blurred with a Gaussian of {@code sigma} pixels ({@link GaussianBlur}). */
    static Baseline blurred(double sigma) {
        if (!(sigma > 0)) {
            throw new IllegalArgumentException("blur baseline: sigma must be > 0, got " + sigma);
        }
        return x -> GaussianBlur.apply(x, sigma);
    }

    /** A user-given baseline: the batch's shape, or 1 x C x H x W (or C x H x W) broadcast over the batch. */
    static Baseline given(INDArray baseline) {
        INDArray b = baseline.dup();
        return x -> {
            if (Arrays.equals(b.shape(), x.shape())) {
                return b.castTo(x.dataType()).dup();
            }
            long per = x.length() / x.size(0);
            if (b.length() == per) {
                INDArray one = b.reshape(1, per).castTo(x.dataType());
                return Nd4j.zeros(x.dataType(), x.size(0), per).addiRowVector(one).reshape(x.shape());
            }
            throw new IllegalArgumentException("baseline of shape " + Arrays.toString(b.shape())
                    + " does not fit inputs of shape " + Arrays.toString(x.shape()));
        };
    }

    /**
     * A baseline by name: {@code zero}, {@code uniform} (in [0, 1)), {@code gaussian} (sigma {@code sigma} around x)
     * or {@code blur} (Gaussian blur of {@code sigma} pixels).
     *
     * @param sigma NaN for the defaults: {@value #GAUSSIAN_SIGMA} for {@code gaussian} (METHODS.md), {@value
     *              #BLUR_SIGMA} pixels for {@code blur}
     */
    /** A baseline by name with the default sigma and seed 0 ({@code baseline: blur} in a method-options file). */
    @com.fasterxml.jackson.annotation.JsonCreator
    static Baseline parse(String name) {
        return named(name, Double.NaN, 0);
    }

    static Baseline named(String name, double sigma, long seed) {
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "zero", "black" -> zero();
            case "uniform" -> uniform(0, 1, seed);
            case "gaussian" -> gaussian(Double.isNaN(sigma) ? GAUSSIAN_SIGMA : sigma, seed);
            case "blur", "blurred" -> blurred(Double.isNaN(sigma) ? BLUR_SIGMA : sigma);
            default -> throw new IllegalArgumentException("baseline: unknown '" + name + "' (allowed: "
                    + String.join(", ", NAMES) + ")");
        };
    }
}
