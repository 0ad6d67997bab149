package org.xai4j.attribution.checks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.attribution.Baseline;
import org.xai4j.model.ModelAdapter;
import org.xai4j.model.Target;

/**
 * Sensitivity-N (Ancona, Ceolini, Oztireli and Gross, "Towards better understanding of gradient-based attribution
 * methods for deep neural networks", ICLR 2018): for each N, random subsets of N pixels (all channels) are set to the
 * baseline, and per image the Pearson correlation between the sum of the attributions in the subset and the drop of
 * the score it causes, {@code s(x) - s(x with the subset removed)}, is taken over the subsets; the curve is its mean
 * over the images. A method is complete for subsets of size N when it reaches 1 (Input x Gradient and Integrated
 * Gradients on a linear model with a zero baseline, for every N). Subsets are drawn from a generator seeded per call;
 * images are scored in inference mode, {@code internalBatch} rows at a time; an image whose attribution sums or
 * score drops do not vary over its subsets contributes no correlation (NaN, left out of the mean).
 */
public final class SensitivityN {
    private SensitivityN() {
    }

    /**
     * @param sizes         the subset sizes N (pixels, each at most H W)
     * @param subsets       random subsets per image and N (Ancona et al.: 100)
     * @param baseline      what removed pixels become
     * @param score         how logits become the score (the logit by default, as the paper's pre-softmax output)
     * @param seed          seed of the subsets
     * @param internalBatch rows per forward pass
     */
    public record Options(int[] sizes, int subsets, Baseline baseline, ScoreFunction score, long seed,
                          int internalBatch) {
        public Options {
            if (sizes == null || sizes.length == 0 || Arrays.stream(sizes).anyMatch(n -> n < 1) || subsets < 3
                    || baseline == null || score == null || internalBatch < 1) {
                throw new IllegalArgumentException("sensitivity-n: need subset sizes >= 1, at least 3 subsets, a "
                        + "baseline, a score and internalBatch >= 1");
            }
            sizes = sizes.clone();
        }

        /** Log-spaced sizes from 1 pixel to 80% of an H x W image, 50 subsets, zero baseline, logit score. */
        public static Options defaults(int height, int width) {
            return new Options(logGrid((int) Math.round(0.8 * height * width)), 50, Baseline.zero(),
                    ScoreFunction.LOGIT, 0, 64);
        }

        /** 1, 2, 4, ... up to {@code max} (and max itself). */
        public static int[] logGrid(int max) {
            List<Integer> out = new ArrayList<>();
            for (int n = 1; n < max; n *= 2) {
                out.add(n);
            }
            out.add(max);
            return out.stream().mapToInt(Integer::intValue).toArray();
        }
    }

    /**
     * @param sizes        the subset sizes
     * @param correlations images x sizes: the per-image correlation (NaN when undefined)
     * @param mean         per size, the mean over the images with a defined correlation
     */
    public record Curve(int[] sizes, double[][] correlations, double[] mean) {
    }

    /**
     * @param inputs       N x C x H x W
     * @param attributions their maps, N x C x H x W (or N x 1 x H x W)
     */
    public static Curve evaluate(ModelAdapter adapter, INDArray inputs, INDArray attributions, Target target,
                                 Options o) {
        if (inputs.rank() != 4 || attributions.rank() != 4 || attributions.size(0) != inputs.size(0)
                || attributions.size(2) != inputs.size(2) || attributions.size(3) != inputs.size(3)) {
            throw new IllegalArgumentException("sensitivity-n: inputs " + Arrays.toString(inputs.shape())
                    + " and attributions " + Arrays.toString(attributions.shape()) + " do not match");
        }
        int n = (int) inputs.size(0);
        int c = (int) inputs.size(1);
        int hw = (int) (inputs.size(2) * inputs.size(3));
        for (int size : o.sizes()) {
            if (size > hw) {
                throw new IllegalArgumentException("sensitivity-n: subsets of " + size + " pixels in images of "
                        + hw);
            }
        }
        double[] x = inputs.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        double[] base = o.baseline().of(inputs.castTo(DataType.DOUBLE)).castTo(DataType.DOUBLE).dup('c').data()
                .asDouble();
        double[] pixelAttribution = channelSums(attributions, hw);
        double[] clean = o.score().scores(adapter, target, n, range(n), inputs.castTo(DataType.DOUBLE));
        Random r = new Random(o.seed());
        int per = c * hw;
        double[][] correlations = new double[n][o.sizes().length];
        for (int s = 0; s < o.sizes().length; s++) {
            int size = o.sizes()[s];
            // rows (image, subset); the subsets' pixels and attribution sums
            int rows = n * o.subsets();
            double[] sums = new double[rows];
            double[] drops = new double[rows];
            int[][] chosen = new int[rows][];
            for (int row = 0; row < rows; row++) {
                int img = row / o.subsets();
                chosen[row] = subset(r, hw, size);
                for (int p : chosen[row]) {
                    sums[row] += pixelAttribution[img * hw + p];
                }
            }
            for (int from = 0; from < rows; from += o.internalBatch()) {
                int count = Math.min(o.internalBatch(), rows - from);
                double[] images = new double[count * per];
                int[] examples = new int[count];
                for (int k = 0; k < count; k++) {
                    int img = (from + k) / o.subsets();
                    examples[k] = img;
                    System.arraycopy(x, img * per, images, k * per, per);
                    for (int p : chosen[from + k]) {
                        for (int ch = 0; ch < c; ch++) {
                            images[k * per + ch * hw + p] = base[img * per + ch * hw + p];
                        }
                    }
                }
                double[] scores = o.score().scores(adapter, target, n, examples, Nd4j.create(images,
                        new long[] {count, c, inputs.size(2), inputs.size(3)}, DataType.DOUBLE));
                for (int k = 0; k < count; k++) {
                    drops[from + k] = clean[examples[k]] - scores[k];
                }
            }
            for (int img = 0; img < n; img++) {
                int a = img * o.subsets();
                correlations[img][s] = pearson(Arrays.copyOfRange(sums, a, a + o.subsets()),
                        Arrays.copyOfRange(drops, a, a + o.subsets()));
            }
        }
        double[] mean = new double[o.sizes().length];
        for (int s = 0; s < mean.length; s++) {
            final int col = s;
            mean[s] = Arrays.stream(correlations).mapToDouble(row -> row[col]).filter(v -> !Double.isNaN(v))
                    .average().orElse(Double.NaN);
        }
        return new Curve(o.sizes(), correlations, mean);
    }

    private static double pearson(double[] a, double[] b) {
        if (Arrays.stream(a).distinct().count() < 2 || Arrays.stream(b).distinct().count() < 2) {
            return Double.NaN;
        }
        return new PearsonsCorrelation().correlation(a, b);
    }

    /** {@code size} distinct pixel indices out of {@code hw} (a partial Fisher-Yates shuffle). */
    private static int[] subset(Random r, int hw, int size) {
        int[] idx = new int[hw];
        for (int i = 0; i < hw; i++) {
            idx[i] = i;
        }
        for (int i = 0; i < size; i++) {
            int j = i + r.nextInt(hw - i);
            int t = idx[i];
            idx[i] = idx[j];
            idx[j] = t;
        }
        return Arrays.copyOf(idx, size);
    }

    private static double[] channelSums(INDArray attributions, int hw) {
        int n = (int) attributions.size(0);
        int c = (int) attributions.size(1);
        double[] a = attributions.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        double[] out = new double[n * hw];
        for (int i = 0; i < n; i++) {
            for (int ch = 0; ch < c; ch++) {
                for (int p = 0; p < hw; p++) {
                    out[i * hw + p] += a[(i * c + ch) * hw + p];
                }
            }
        }
        return out;
    }

    private static int[] range(int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) {
            r[i] = i;
        }
        return r;
    }
}
