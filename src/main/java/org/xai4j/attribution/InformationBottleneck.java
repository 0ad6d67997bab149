package org.xai4j.attribution;

import java.util.Arrays;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.Adam;
import org.xai4j.model.HeadGraph;
import org.xai4j.model.Mode;
import org.xai4j.model.ModelAdapter;
import org.xai4j.model.Target;

/**
 * Information Bottleneck Attribution with the per-sample bottleneck (Schulz, Sixt, Tombari and Landgraf, "Restricting
 * the flow: information bottlenecks for attribution", ICLR 2020; the attribution dissertation's chapter 8) and its
 * inverse (Khakzar et al., "Explaining COVID-19 and thoracic pathology model predictions by identifying informative
 * input features", MICCAI 2021).
 *
 * <p>At a tap with activations {@code R} (per-element mean {@code mu} and standard deviation {@code sigma} over the
 * training images, {@link TapStatistics}) the bottleneck replaces {@code R} by
 * {@code Z = lambda * R + (1 - lambda) * eps}, {@code eps ~ N(mu, sigma^2)}, with {@code lambda = smooth(sigmoid(alpha))}
 * ({@link MaskSmoothing}), and optimises only {@code alpha} (one per element, weights frozen, BatchNorm in inference
 * mode) with Adam on {@code mean_b loss(f(Z_b)) + beta * mean_i KL_i} over a batch of noise samples, where the
 * closed-form per-element {@code KL_i = -log(1 - l) + (1 - l)^2 / 2 + l^2 r'^2 / 2 - 1/2}, {@code r' = (R - mu) / sigma}.
 * The map is the KL of the last step summed over the channels in bits, spread over the input pixels (bits per pixel)
 * and upsampled bilinearly. Inverse IBA puts the noise where {@code lambda} is high,
 * {@code Z = lambda * eps + (1 - lambda) * R}, and maximises the loss ({@code -loss + beta * KL}): it marks every region
 * whose removal destroys the prediction. Regression IBA is this class with a regression {@link BottleneckLoss}.
 *
 * <p>The layers above the tap run as a {@link HeadGraph} (one copy per method, not per image); {@code dloss/dZ} is its
 * input gradient, {@code dZ/dlambda = R - eps}, and the smoothing's adjoint and {@code sigmoid'} carry it to
 * {@code alpha}. Images of a batch are optimised together but independently (Adam is element-wise). Defaults as the
 * published code: tap {@code stage2}, beta 10, 10 steps, learning rate 1, 10 noise samples, {@code alpha} starting at
 * 5, smoothing sigma 1, std at least 0.01, elements active in more than 1% of the images; statistics over up to 1000
 * reference images ({@link AttributionOptions#withReference}; without them, over the batch being explained).
 */
public final class InformationBottleneck implements Attribution {
    /** Where the noise goes. */
    public enum Variant {
        /** {@code Z = lambda R + (1 - lambda) eps}, minimise the loss: the information the prediction needs. */
        PER_SAMPLE("iba"),
        /** {@code Z = lambda eps + (1 - lambda) R}, maximise the loss: every region that carries evidence. */
        INVERSE("inverse-iba"),
        /** As {@link #PER_SAMPLE}, registered with a regression loss as its default (Regression IBA). */
        REGRESSION("regression-iba");

        private final String label;

        Variant(String label) {
            this.label = label;
        }

        /** The method's registered name. */
        public String label() {
            return label;
        }
    }

    /**
     * @param tap              the tap the bottleneck sits on; default {@code stage2}
     * @param beta             weight of the information term; default 10
     * @param steps            Adam steps; default 10
     * @param lr               Adam learning rate; default 1
     * @param noiseSamples     noise samples per step; default 10
     * @param initialAlpha     starting value of alpha (lambda = sigmoid(5) = 0.993); default 5
     * @param sigma            standard deviation of the mask smoothing in tap pixels, 0 for none; default 1
     * @param minStd           lower bound of the noise standard deviation; default 0.01
     * @param activeThreshold  an element takes part when non-zero in more than this fraction of the images; default 0.01
     * @param loss             the model term ({@link BottleneckLoss}: sigmoid, softmax, squared-error, squared,
     *                         squared-change); default sigmoid (single-logit and multi-label heads)
     * @param label            the regression label y of {@code squared-error}
     * @param relu             clamp Z at 0 (for a tap after a ReLU); default false as published
     * @param estimationImages reference images the statistics are estimated on; default 1000
     * @param seed             seed of the noise; default 0
     * @param internalBatch    rows per pass of the head; default 64
     */
    public record Options(String tap, Double beta, Integer steps, Double lr, Integer noiseSamples, Double initialAlpha,
                          Double sigma, Double minStd, Double activeThreshold, String loss, Double label, Boolean relu,
                          Integer estimationImages, Long seed, Integer internalBatch) {
        public Options {
            tap = tap == null || tap.isBlank() ? "stage2" : tap.trim();
            beta = beta == null ? 10.0 : beta;
            steps = steps == null ? 10 : steps;
            lr = lr == null ? 1.0 : lr;
            noiseSamples = noiseSamples == null ? 10 : noiseSamples;
            initialAlpha = initialAlpha == null ? 5.0 : initialAlpha;
            sigma = sigma == null ? 1.0 : sigma;
            minStd = minStd == null ? 0.01 : minStd;
            activeThreshold = activeThreshold == null ? 0.01 : activeThreshold;
            loss = loss == null || loss.isBlank() ? BottleneckLoss.SIGMOID.label() : BottleneckLoss.parse(loss).label();
            relu = relu != null && relu;
            estimationImages = estimationImages == null ? 1000 : estimationImages;
            seed = seed == null ? 0L : seed;
            internalBatch = internalBatch == null ? 64 : internalBatch;
            requireAtLeast("steps", steps, 1);
            requireAtLeast("noiseSamples", noiseSamples, 1);
            requireAtLeast("estimationImages", estimationImages, 2);
            requireAtLeast("internalBatch", internalBatch, 1);
            if (!(beta >= 0) || !(lr > 0) || !(sigma >= 0) || !(minStd > 0) || !(activeThreshold >= 0)
                    || !Double.isFinite(initialAlpha)) {
                throw new IllegalArgumentException("iba options: need beta >= 0, lr > 0, sigma >= 0, minStd > 0, "
                        + "activeThreshold >= 0 and a finite initialAlpha, got beta " + beta + ", lr " + lr
                        + ", sigma " + sigma + ", minStd " + minStd + ", activeThreshold " + activeThreshold
                        + ", initialAlpha " + initialAlpha);
            }
            if (BottleneckLoss.parse(loss) == BottleneckLoss.SQUARED_ERROR && (label == null || label.isNaN())) {
                throw new IllegalArgumentException("label: the squared-error loss needs the regression label y");
            }
        }

        private static void requireAtLeast(String key, int value, int min) {
            if (value < min) {
                throw new IllegalArgumentException(key + ": must be >= " + min + ", got " + value);
            }
        }

        /** The published defaults. */
        public static Options defaults() {
            return new Options(null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                    null);
        }

        /** The defaults with another model term (Regression IBA: {@code squared-change}). */
        public static Options withLoss(BottleneckLoss loss) {
            return new Options(null, null, null, null, null, null, null, null, null, loss.label(), null, null, null,
                    null, null);
        }

        /** A copy on another tap. */
        public Options onTap(String otherTap) {
            return new Options(otherTap, beta, steps, lr, noiseSamples, initialAlpha, sigma, minStd, activeThreshold,
                    loss, label, relu, estimationImages, seed, internalBatch);
        }
    }

    /**
     * The optimised bottleneck of a batch.
     *
     * @param capacity    per-element KL of the last step in nats, N x C x h x w (0 at inactive elements)
     * @param modelLoss   per step, the batch sum of the images' mean model loss over the noise samples
     * @param information per step, the batch sum of the images' mean KL per element (nats)
     */
    public record Result(INDArray capacity, double[] modelLoss, double[] information) {
    }

    private final ModelAdapter adapter;
    private final ModelAdapter head;
    private final Variant variant;
    private final Options options;
    private final BottleneckLoss loss;
    private final MaskSmoothing smoothing;
    private final ReferenceImages reference;
    private TapStatistics statistics;

    /**
     * @param reference images the tap statistics are estimated on (and cached with), or null to use each explained
     *                  batch
     */
    public InformationBottleneck(ModelAdapter adapter, Variant variant, Options options, ReferenceImages reference) {
        this.adapter = adapter;
        this.variant = variant;
        this.options = options;
        this.loss = BottleneckLoss.parse(options.loss());
        this.smoothing = new MaskSmoothing(options.sigma());
        this.reference = reference;
        this.head = new ModelAdapter(HeadGraph.above(adapter.classifier(), options.tap()));
    }

    public InformationBottleneck(ModelAdapter adapter, Options options) {
        this(adapter, Variant.PER_SAMPLE, options, null);
    }

    @Override
    public String name() {
        return variant.label();
    }

    public Options options() {
        return options;
    }

    /** The statistics the noise is drawn from (estimated on the reference images at the first call, then kept). */
    public TapStatistics statistics(INDArray activations) {
        if (statistics != null) {
            return statistics;
        }
        if (reference == null) {
            if (activations.size(0) < 2) {
                throw new IllegalArgumentException(name() + ": without reference images the noise statistics come "
                        + "from the explained batch, which then needs at least 2 images, got 1 (the explain and "
                        + "segment commands give the run's training images)");
            }
            return TapStatistics.ofActivations(activations); // per batch, not kept
        }
        statistics = TapStatistics.of(adapter, options.tap(), reference, options.estimationImages(),
                options.internalBatch());
        return statistics;
    }

    @Override
    public INDArray attribute(INDArray inputs, Target target) {
        INDArray capacity = optimise(inputs, target).capacity();
        return BitsPerPixel.map(capacity, inputs.shape()).castTo(adapter.dataType());
    }

    /** Runs the optimisation for a batch of inputs. */
    public Result optimise(INDArray inputs, Target target) {
        INDArray x = Inputs.owned(inputs, adapter);
        INDArray r = adapter.activations(x, options.tap());
        Problem p = problem(r, target);
        int size = p.n * p.length;
        double[] alpha = new double[size];
        Arrays.fill(alpha, options.initialAlpha());
        GradientUpdater<?> adam = new Adam(options.lr()).instantiate(Nd4j.zeros(DataType.DOUBLE, 1, 2L * size), true);
        int steps = options.steps();
        double[] modelLoss = new double[steps];
        double[] information = new double[steps];
        double[] capacity = null;
        for (int step = 0; step < steps; step++) {
            Evaluation e = p.evaluate(alpha, step);
            modelLoss[step] = e.modelLoss;
            information[step] = e.information;
            capacity = e.capacity;
            INDArray g = Nd4j.create(e.gradient, new long[] {1, size}, DataType.DOUBLE);
            adam.applyUpdater(g, step, 0);
            double[] update = g.data().asDouble();
            for (int i = 0; i < size; i++) {
                alpha[i] -= update[i];
            }
        }
        return new Result(Nd4j.create(capacity, r.shape(), DataType.DOUBLE), modelLoss, information);
    }

    /** The objective of one batch as a function of alpha, with the noise of each step fixed by the seed. */
    Problem problem(INDArray activations, Target target) {
        // head(tap(x)) = f(x): the clean logits without another pass through the layers below the tap
        INDArray logits = head.logits(activations, Mode.INFERENCE).castTo(DataType.DOUBLE);
        INDArray w = target.outputGradient(logits).castTo(DataType.DOUBLE);
        return new Problem(activations.castTo(DataType.DOUBLE).dup('c'), statistics(activations), logits, w);
    }

    /**
     * The KL divergence of {@code N(l r', (1 - l)^2)} (the bottleneck's output for a normalised activation r') from
     * the standard normal (the normalised noise), nats: {@code -log(1 - l) + (1 - l)^2 / 2 + l^2 r'^2 / 2 - 1/2}.
     *
     * @param oneMinusL {@code 1 - l}, given separately for precision near l = 1
     */
    static double kl(double l, double oneMinusL, double rNorm) {
        return -Math.log(oneMinusL) + 0.5 * oneMinusL * oneMinusL + 0.5 * l * l * rNorm * rNorm - 0.5;
    }

    /** One evaluation of the objective: its value parts, its gradient with respect to alpha and the per-element KL. */
    record Evaluation(double objective, double modelLoss, double information, double[] gradient, double[] capacity) {
    }

    /** The objective {@code sum_n [sign * mean_b loss(f(Z_nb)) + beta * mean_i KL_ni]} of a batch. */
    final class Problem {
        final int n;
        final int length;
        private final int channels;
        private final int h;
        private final int w;
        private final long[] shape;
        private final double[] r;
        private final double[] rNorm;
        private final double[] mu;
        private final double[] sd;
        private final double[] active;
        private final double[][] weights;
        private final double[] clean;

        Problem(INDArray activations, TapStatistics s, INDArray logits, INDArray targetWeights) {
            shape = activations.shape();
            n = (int) shape[0];
            channels = (int) shape[1];
            h = (int) shape[2];
            w = (int) shape[3];
            length = channels * h * w;
            if (s.length() != length) {
                throw new IllegalArgumentException("tap statistics of " + Arrays.toString(s.shape())
                        + " for activations of " + Arrays.toString(shape));
            }
            r = activations.data().asDouble();
            mu = s.mean();
            sd = new double[length];
            active = new double[length];
            for (int i = 0; i < length; i++) {
                sd[i] = Math.max(s.std()[i], options.minStd());
                active[i] = s.nonZero()[i] > options.activeThreshold() ? 1 : 0;
            }
            rNorm = new double[r.length];
            for (int j = 0; j < r.length; j++) {
                rNorm[j] = (r[j] - mu[j % length]) / sd[j % length];
            }
            weights = targetWeights.toDoubleMatrix();
            clean = new double[n];
            double[][] z = logits.toDoubleMatrix();
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < z[i].length; k++) {
                    clean[i] += weights[i][k] * z[i][k];
                }
            }
        }

        Evaluation evaluate(double[] alpha, int step) {
            double[] lam = new double[alpha.length];
            double[] keep = new double[alpha.length]; // 1 - lambda, computed as sigmoid(-alpha) for precision
            for (int j = 0; j < alpha.length; j++) {
                lam[j] = BottleneckLoss.sigmoid(alpha[j]);
                keep[j] = BottleneckLoss.sigmoid(-alpha[j]);
            }
            double[] l = smoothing.apply(lam, h, w);
            double[] one = smoothing.apply(keep, h, w);
            double beta = options.beta();
            double[] capacity = new double[alpha.length];
            double[] gLam = new double[alpha.length];
            double information = 0;
            for (int j = 0; j < alpha.length; j++) {
                double a = active[j % length];
                if (a == 0) {
                    continue;
                }
                double rn = rNorm[j];
                double om = Math.max(one[j], 1e-300);
                capacity[j] = kl(l[j], om, rn);
                information += capacity[j] / length;
                gLam[j] = beta / length * (1 / om + rn * rn * l[j] - om); // dKL/dl, with d(1 - l)/dl = -1
            }
            double sign = variant == Variant.INVERSE ? -1 : 1;
            double modelLoss = modelTerm(l, one, step, sign, gLam);
            double[] gAlpha = smoothing.adjoint(gLam, h, w);
            for (int j = 0; j < alpha.length; j++) {
                gAlpha[j] *= lam[j] * keep[j];
            }
            return new Evaluation(sign * modelLoss + beta * information, modelLoss, information, gAlpha, capacity);
        }

        /** The batch sum of the images' mean loss over the noise samples; adds sign * its lambda gradient to gLam. */
        private double modelTerm(double[] l, double[] one, int step, double sign, double[] gLam) {
            int samples = options.noiseSamples();
            int rows = n * samples;
            int chunk = Math.max(1, Math.min(options.internalBatch(), rows));
            Random noise = new Random(options.seed() * 1_000_003L + step);
            double total = 0;
            for (int from = 0; from < rows; from += chunk) {
                int count = Math.min(chunk, rows - from);
                double[] z = new double[count * length];
                double[] eps = new double[count * length];
                double[] pass = new double[count * length]; // dZ/dZ_raw: 0 where clamped or inactive
                for (int row = 0; row < count; row++) {
                    int img = (from + row) / samples;
                    for (int i = 0; i < length; i++) {
                        int j = img * length + i;
                        int q = row * length + i;
                        eps[q] = mu[i] + sd[i] * noise.nextGaussian();
                        double v = variant == Variant.INVERSE ? l[j] * eps[q] + one[j] * r[j]
                                : l[j] * r[j] + one[j] * eps[q];
                        double a = active[i];
                        if (options.relu() && v < 0) {
                            a = 0;
                        }
                        pass[q] = a;
                        z[q] = v * a;
                    }
                }
                long[] rowsShape = {count, channels, h, w};
                INDArray zArr = Nd4j.create(z, rowsShape, DataType.DOUBLE).castTo(head.dataType());
                double[] value = new double[1];
                int first = from;
                Target lossTarget = logits -> {
                    double[][] zl = logits.castTo(DataType.DOUBLE).toDoubleMatrix();
                    double[][] g = new double[zl.length][zl[0].length];
                    for (int row = 0; row < zl.length; row++) {
                        int img = (first + row) / samples;
                        value[0] += loss.valueAndGradient(zl[row], weights[img], clean[img],
                                options.label() == null ? Double.NaN : options.label(), g[row]) / samples;
                        for (int k = 0; k < g[row].length; k++) {
                            g[row][k] /= samples;
                        }
                    }
                    return Nd4j.create(g).castTo(logits.dataType());
                };
                double[] gz = head.inputGradient(zArr, lossTarget, Mode.INFERENCE).castTo(DataType.DOUBLE).dup('c')
                        .data().asDouble();
                total += value[0];
                for (int row = 0; row < count; row++) {
                    int img = (from + row) / samples;
                    for (int i = 0; i < length; i++) {
                        int j = img * length + i;
                        int q = row * length + i;
                        double dzdl = variant == Variant.INVERSE ? eps[q] - r[j] : r[j] - eps[q];
                        gLam[j] += sign * gz[q] * pass[q] * dzdl;
                    }
                }
            }
            return total;
        }
    }
}
