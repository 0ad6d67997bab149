package org.xai4j.attribution;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.Arrays;
import java.util.Random;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.model.ModelAdapter;
import org.xai4j.model.Target;

/**
 * Expected Gradients (Erion, Janizek, Sturmfels, Lundberg and Lee, "Improving performance of deep learning models
 * with axiomatic attribution priors and expected gradients", Nature Machine Intelligence 2021): Integrated
 * Gradients averaged over baselines drawn from the data, estimated by Monte Carlo with one random reference
 * {@code x'} from a background set and one position {@code a ~ U(0, 1)} per sample:
 * {@code EG(x) = mean_j (x - x'_j) * dT/dx(x'_j + a_j (x - x'_j))}. Completeness holds in expectation:
 * {@code sum EG(x) ~ T(x) - E[T(x')]}. Draws come from a generator seeded at every call (reproducible). Without
 * a background set the batch itself is the reference distribution. Points are evaluated in chunks of
 * {@code internalBatch} rows.
 */
public final class ExpectedGradients implements Attribution {
    private final ModelAdapter adapter;
    private final Options options;

    /**
     * @param samples       Monte-Carlo samples per example
     * @param background    M x C x H x W reference images, or null to draw references from the batch being explained
     * @param seed          seed of the reference and position draws
     * @param internalBatch rows per model pass
     */
    public record Options(Integer samples, @JsonIgnore INDArray background, Long seed, Integer internalBatch) {
        public Options {
            samples = samples == null ? 50 : samples;
            seed = seed == null ? 0L : seed;
            internalBatch = internalBatch == null ? 64 : internalBatch;
            if (samples < 1) {
                throw new IllegalArgumentException("samples: must be >= 1, got " + samples);
            }
            if (internalBatch < 1) {
                throw new IllegalArgumentException("internalBatch: must be >= 1, got " + internalBatch);
            }
            if (background != null && (background.rank() != 4 || background.size(0) < 1)) {
                throw new IllegalArgumentException("background: expected M x C x H x W with M >= 1, got "
                        + Arrays.toString(background.shape()));
            }
            background = background == null ? null : background.dup();
        }

        /** 50 samples, references from the batch, seed 0, 64 rows per pass. */
        public static Options defaults() {
            return new Options(null, null, null, null);
        }

        /** A copy with another background set. */
        public Options withBackground(INDArray images) {
            return new Options(samples, images, seed, internalBatch);
        }
    }

    public ExpectedGradients(ModelAdapter adapter, Options options) {
        this.adapter = adapter;
        this.options = options;
    }

    public ExpectedGradients(ModelAdapter adapter) {
        this(adapter, Options.defaults());
    }

    @Override
    public String name() {
        return "eg";
    }

    @Override
    public INDArray attribute(INDArray inputs, Target target) {
        INDArray x = Inputs.owned(inputs, adapter);
        INDArray bg = options.background() == null ? x : options.background().castTo(x.dataType());
        long[] chw = Arrays.copyOfRange(x.shape(), 1, 4);
        if (!Arrays.equals(chw, Arrays.copyOfRange(bg.shape(), 1, 4))) {
            throw new IllegalArgumentException("background images are " + Arrays.toString(bg.shape())
                    + ", inputs " + Arrays.toString(x.shape()));
        }
        int batch = (int) x.size(0);
        int samples = options.samples();
        int[][] ref = new int[samples][batch];
        double[][] alpha = new double[samples][batch];
        Random r = new Random(options.seed());
        for (int j = 0; j < samples; j++) {
            for (int n = 0; n < batch; n++) {
                ref[j][n] = r.nextInt((int) bg.size(0));
                alpha[j][n] = r.nextDouble();
            }
        }
        // plain arrays: per-row ND4J calls would cost more than the arithmetic
        int per = (int) (chw[0] * chw[1] * chw[2]);
        double[] xd = x.castTo(DataType.DOUBLE).dup().data().asDouble();
        double[] bd = bg.castTo(DataType.DOUBLE).dup().data().asDouble();
        double[] acc = new double[batch * per];
        long[] shape = x.shape().clone();
        PointBatches.gradients(adapter, target, batch, samples, options.internalBatch(), (j, from, to) -> {
            double[] pts = new double[(to - from) * per];
            for (int n = from; n < to; n++) {
                int b = ref[j][n] * per;
                double a = alpha[j][n];
                for (int p = 0; p < per; p++) {
                    pts[(n - from) * per + p] = bd[b + p] + a * (xd[n * per + p] - bd[b + p]);
                }
            }
            long[] rows = shape.clone();
            rows[0] = to - from;
            return Nd4j.create(pts, rows, DataType.DOUBLE).castTo(x.dataType());
        }, (j, from, to, g) -> {
            double[] gd = g.castTo(DataType.DOUBLE).dup().data().asDouble();
            for (int n = from; n < to; n++) {
                int b = ref[j][n] * per;
                for (int p = 0; p < per; p++) {
                    acc[n * per + p] += (xd[n * per + p] - bd[b + p]) * gd[(n - from) * per + p];
                }
            }
        });
        for (int i = 0; i < acc.length; i++) {
            acc[i] /= samples;
        }
        return Nd4j.create(acc, x.shape(), DataType.DOUBLE).castTo(x.dataType());
    }
}
