package org.xai4j.attribution;

import java.util.Locale;
import java.util.Random;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.model.Target;

/**
 * A wrapper that averages another method over noisy copies of the input (Captum's {@code NoiseTunnel}): SmoothGrad
 * (Smilkov et al., "SmoothGrad: removing noise by adding noise", 2017) is the mean of the attributions of
 * {@code x + N(0, sigma^2)}, SmoothGrad-squared the mean of their squares, and VarGrad (Adebayo et al., "Local
 * explanation methods for deep neural networks lack sensitivity to parameter values", ICLR workshop 2018) their
 * variance. {@code sigma} is absolute, in input units (Captum's {@code stdevs}; Smilkov et al. recommend 10-20% of the
 * input range, hence the default 0.15 for images in [0, 1]). Noisy copies are passed to the wrapped method
 * {@code internalBatch / N} copies at a time, the target following each example into its copies. Noise comes from a
 * generator seeded at every call.
 */
public final class NoiseTunnel implements Attribution {
    private final Attribution inner;
    private final Variant variant;
    private final Options options;

    /** What is reported over the noisy samples. */
    public enum Variant {
        /** Mean of the attributions. */
        SMOOTHGRAD,
        /** Mean of the squared attributions. */
        SMOOTHGRAD_SQ,
        /** Variance of the attributions (mean of squares minus square of mean). */
        VARGRAD;

        /** Registry spelling: {@code smoothgrad}, {@code smoothgrad_sq}, {@code vargrad}. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * @param samples       noisy copies per example
     * @param sigma         standard deviation of the Gaussian noise, input units (0 = no noise)
     * @param seed          seed of the noise
     * @param internalBatch rows (copies x examples) per call of the wrapped method
     */
    public record Options(Integer samples, Double sigma, Long seed, Integer internalBatch) {
        public Options {
            samples = samples == null ? 25 : samples;
            sigma = sigma == null ? 0.15 : sigma;
            seed = seed == null ? 0L : seed;
            internalBatch = internalBatch == null ? 64 : internalBatch;
            if (samples < 1) {
                throw new IllegalArgumentException("samples: must be >= 1, got " + samples);
            }
            if (!(sigma >= 0)) {
                throw new IllegalArgumentException("sigma: must be >= 0, got " + sigma);
            }
            if (internalBatch < 1) {
                throw new IllegalArgumentException("internalBatch: must be >= 1, got " + internalBatch);
            }
        }

        /** 25 samples, sigma 0.15, seed 0, 64 rows per call. */
        public static Options defaults() {
            return new Options(null, null, null, null);
        }
    }

    public NoiseTunnel(Attribution inner, Variant variant, Options options) {
        this.inner = inner;
        this.variant = variant;
        this.options = options;
    }

    /** {@code smoothgrad} (of the gradient) or {@code <variant>:<inner>} for other wrapped methods. */
    @Override
    public String name() {
        return inner instanceof Gradient ? variant.label()
                : variant.label() + ":" + inner.name();
    }

    @Override
    public INDArray attribute(INDArray inputs, Target target) {
        if (inputs == null || inputs.rank() != 4) {
            throw new IllegalArgumentException("inputs: expected N x C x H x W");
        }
        INDArray x = inputs.dup();
        int batch = (int) x.size(0);
        int perCall = Math.max(1, options.internalBatch() / batch);
        Random rng = new Random(options.seed());
        INDArray sum = null;
        INDArray sumSq = null;
        for (int done = 0; done < options.samples(); ) {
            int copies = Math.min(perCall, options.samples() - done);
            INDArray[] parts = new INDArray[copies];
            for (int j = 0; j < copies; j++) {
                parts[j] = noisy(x, rng);
            }
            INDArray in = copies == 1 ? parts[0] : Nd4j.concat(0, parts);
            INDArray a = inner.attribute(in, ReplicatedTarget.of(target, batch, 0));
            for (int j = 0; j < copies; j++) {
                INDArray aj = PointBatches.rows(a, (long) j * batch, (long) (j + 1) * batch);
                if (sum == null) {
                    sum = Nd4j.zeros(a.dataType(), x.shape());
                    sumSq = Nd4j.zeros(a.dataType(), x.shape());
                }
                sum.addi(aj);
                sumSq.addi(aj.mul(aj));
            }
            done += copies;
        }
        double s = options.samples();
        return switch (variant) {
            case SMOOTHGRAD -> sum.divi(s);
            case SMOOTHGRAD_SQ -> sumSq.divi(s);
            case VARGRAD -> {
                INDArray mean = sum.divi(s);
                yield sumSq.divi(s).subi(mean.mul(mean));
            }
        };
    }

    private INDArray noisy(INDArray x, Random rng) {
        if (options.sigma() == 0) {
            return x.dup();
        }
        double[] v = x.castTo(DataType.DOUBLE).dup().data().asDouble();
        for (int i = 0; i < v.length; i++) {
            v[i] += options.sigma() * rng.nextGaussian();
        }
        return Nd4j.create(v, x.shape(), DataType.DOUBLE).castTo(x.dataType());
    }
}
