package org.xai4j.attribution.checks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.attribution.Baseline;
import org.xai4j.model.ModelAdapter;
import org.xai4j.model.Target;

/**
 * Insertion and deletion curves (Petsiuk, Das and Saenko, "RISE: randomized input sampling for explanation of
 * black-box models", BMVC 2018). Pixels are ranked by the attribution summed over channels (highest first, ties by
 * position). Deletion replaces the top {@code k * step} pixels (all channels) of the image by the baseline's pixels,
 * insertion starts from the baseline and puts back the top pixels of the image, for k = 0 .. ceil(HW / step); the
 * score ({@link ScoreFunction}) is followed along the fraction of pixels changed and the curves' trapezoidal areas
 * are the AUCs (deletion: lower is better, insertion: higher is better). METHODS.md: a blurred baseline for X-rays, a
 * zero baseline for natural images; Petsiuk et al. change 224 pixels per step at 224x224, so the default step is
 * the image width. Images are scored in inference mode, {@code internalBatch} at a time.
 */
public final class InsertionDeletion {
    private InsertionDeletion() {
    }

    /**
     * @param step          pixels changed per step; 0 = the image width
     * @param baseline      what removed pixels become (e.g. {@link Baseline#zero()}, {@link Baseline#blurred})
     * @param score         how logits become the followed score
     * @param internalBatch images per forward pass
     */
    public record Options(int step, Baseline baseline, ScoreFunction score, int internalBatch) {
        public Options {
            if (step < 0 || internalBatch < 1 || baseline == null || score == null) {
                throw new IllegalArgumentException("insertion/deletion: step >= 0, internalBatch >= 1, a baseline and "
                        + "a score are required");
            }
        }

        /** One image row per step, zero baseline, sigmoid scores, 64 images per pass. */
        public static Options defaults() {
            return new Options(0, Baseline.zero(), ScoreFunction.SIGMOID, 64);
        }
    }

    /**
     * @param fractions    fraction of pixels changed at each point (0 .. 1)
     * @param insertion    N x points scores while inserting
     * @param deletion     N x points scores while deleting
     * @param insertionAuc N areas under the insertion curves
     * @param deletionAuc  N areas under the deletion curves
     */
    public record Curves(double[] fractions, double[][] insertion, double[][] deletion, double[] insertionAuc,
                         double[] deletionAuc) {
    }

    /**
     * @param inputs       N x C x H x W
     * @param attributions N x C x H x W maps (or N x 1 x H x W)
     */
    public static Curves evaluate(ModelAdapter adapter, INDArray inputs, INDArray attributions, Target target,
                                  Options o) {
        if (inputs.rank() != 4 || attributions.rank() != 4 || attributions.size(0) != inputs.size(0)
                || attributions.size(2) != inputs.size(2) || attributions.size(3) != inputs.size(3)) {
            throw new IllegalArgumentException("insertion/deletion: inputs " + Arrays.toString(inputs.shape())
                    + " and attributions " + Arrays.toString(attributions.shape()) + " do not match");
        }
        int n = (int) inputs.size(0);
        int c = (int) inputs.size(1);
        int hw = (int) (inputs.size(2) * inputs.size(3));
        int step = o.step() == 0 ? (int) inputs.size(3) : o.step();
        int points = (hw + step - 1) / step + 1;
        double[] fractions = new double[points];
        for (int k = 0; k < points; k++) {
            fractions[k] = (double) Math.min(k * step, hw) / hw;
        }
        double[] x = inputs.castTo(DataType.DOUBLE).dup().data().asDouble();
        double[] base = o.baseline().of(inputs.castTo(DataType.DOUBLE)).castTo(DataType.DOUBLE).dup().data()
                .asDouble();
        int[][] order = new int[n][];
        for (int i = 0; i < n; i++) {
            order[i] = ranking(attributions, i);
        }
        double[][] insertion = new double[n][points];
        double[][] deletion = new double[n][points];
        // rows: (example, point, 0 = deletion / 1 = insertion)
        List<int[]> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < points; k++) {
                rows.add(new int[] {i, k, 0});
                rows.add(new int[] {i, k, 1});
            }
        }
        int per = c * hw;
        for (int start = 0; start < rows.size(); start += o.internalBatch()) {
            List<int[]> chunk = rows.subList(start, Math.min(rows.size(), start + o.internalBatch()));
            double[] images = new double[chunk.size() * per];
            int[] examples = new int[chunk.size()];
            for (int r = 0; r < chunk.size(); r++) {
                int[] row = chunk.get(r);
                examples[r] = row[0];
                fill(images, r * per, x, base, row[0] * per, order[row[0]], Math.min(row[1] * step, hw), row[2] == 1,
                        c, hw);
            }
            INDArray batch = Nd4j.create(images, new long[] {chunk.size(), c, inputs.size(2), inputs.size(3)},
                    DataType.DOUBLE);
            double[] scores = o.score().scores(adapter, target, n, examples, batch);
            for (int r = 0; r < chunk.size(); r++) {
                int[] row = chunk.get(r);
                (row[2] == 1 ? insertion : deletion)[row[0]][row[1]] = scores[r];
            }
        }
        double[] insAuc = new double[n];
        double[] delAuc = new double[n];
        for (int i = 0; i < n; i++) {
            insAuc[i] = trapezoid(fractions, insertion[i]);
            delAuc[i] = trapezoid(fractions, deletion[i]);
        }
        return new Curves(fractions, insertion, deletion, insAuc, delAuc);
    }

    /** Pixel indices sorted by the channel-summed attribution, highest first, ties by index. */
    public static int[] ranking(INDArray attributions, int example) {
        int c = (int) attributions.size(1);
        int hw = (int) (attributions.size(2) * attributions.size(3));
        double[] a = attributions.get(org.nd4j.linalg.indexing.NDArrayIndex.point(example)).castTo(DataType.DOUBLE)
                .dup().data().asDouble();
        double[] score = new double[hw];
        for (int ch = 0; ch < c; ch++) {
            for (int p = 0; p < hw; p++) {
                score[p] += a[ch * hw + p];
            }
        }
        Integer[] idx = new Integer[hw];
        for (int p = 0; p < hw; p++) {
            idx[p] = p;
        }
        Arrays.sort(idx, Comparator.comparingDouble((Integer p) -> -score[p]).thenComparingInt(p -> p));
        int[] out = new int[hw];
        for (int p = 0; p < hw; p++) {
            out[p] = idx[p];
        }
        return out;
    }

    private static void fill(double[] dst, int at, double[] x, double[] base, int from, int[] order, int count,
                             boolean insert, int c, int hw) {
        double[] start = insert ? base : x;
        double[] other = insert ? x : base;
        System.arraycopy(start, from, dst, at, c * hw);
        for (int j = 0; j < count; j++) {
            int p = order[j];
            for (int ch = 0; ch < c; ch++) {
                dst[at + ch * hw + p] = other[from + ch * hw + p];
            }
        }
    }

    static double trapezoid(double[] x, double[] y) {
        double s = 0;
        for (int k = 1; k < x.length; k++) {
            s += (x[k] - x[k - 1]) * (y[k] + y[k - 1]) / 2;
        }
        return s;
    }
}
