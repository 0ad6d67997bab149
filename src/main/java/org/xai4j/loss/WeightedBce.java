package org.xai4j.loss;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Weighted binary cross-entropy of METHODS.md section 1, one sigmoid per label:
 * {@code L = -[beta_c y log(sigmoid(z)) + (1 - y) log(1 - sigmoid(z))]}, summed over labels and averaged
 * over the batch, computed in log-sigmoid form ({@code log sigmoid(z) = -softplus(-z)}) so any logit is safe.
 *
 * <p>{@code beta_c = #negatives / #positives} of label {@code c}, counted per mini-batch ({@link BetaMode#BATCH})
 * or taken from the training set ({@link BetaMode#DATASET}). A batch without a positive (or without a
 * negative) for {@code c} uses the training-set ratio instead, so nothing divides by zero and no batch has a
 * zero weight. A NaN label (an entry without a label, CheXpert's U-Ignore) is masked out: it adds nothing to the
 * loss or its gradient and is not counted in beta. Reference: Khakzar et al., MICCAI 2019; Wang et al.
 * (ChestX-ray14), CVPR 2017.
 */
public final class WeightedBce implements LogitLoss {
    private final BetaMode mode;
    private final double[] datasetBeta;
    private final boolean weighted;

    private WeightedBce(BetaMode mode, double[] datasetBeta, boolean weighted) {
        this.mode = mode;
        this.datasetBeta = datasetBeta.clone();
        this.weighted = weighted;
        for (double b : datasetBeta) {
            if (!(b > 0) || Double.isInfinite(b)) {
                throw new IllegalArgumentException("dataset beta must be finite and > 0, got " + b);
            }
        }
    }

    /** Weighted BCE with per-batch (or dataset) beta; {@code datasetBeta} is the fallback and the DATASET value. */
    public static WeightedBce weighted(BetaMode mode, double[] datasetBeta) {
        return new WeightedBce(mode, datasetBeta, true);
    }

    /** Plain BCE (beta = 1 for every label). */
    public static WeightedBce plain(int numLabels) {
        double[] ones = new double[numLabels];
        java.util.Arrays.fill(ones, 1.0);
        return new WeightedBce(BetaMode.DATASET, ones, false);
    }

    /**
     * {@code (#negatives / #positives)} per label over a label matrix (rows = examples); 1 for a label
     * that has no positive or no negative at all.
     */
    public static double[] datasetBeta(float[][] labels, int numLabels) {
        double[] beta = new double[numLabels];
        for (int c = 0; c < numLabels; c++) {
            long pos = 0;
            long known = 0;
            for (float[] row : labels) {
                if (!Float.isNaN(row[c])) {
                    known++;
                    pos += row[c] > 0.5f ? 1 : 0;
                }
            }
            long neg = known - pos;
            beta[c] = pos == 0 || neg == 0 ? 1.0 : (double) neg / pos;
        }
        return beta;
    }

    @Override
    public String name() {
        return weighted ? "wbce" : "bce";
    }

    /** The beta used for each label on this batch of labels. */
    public double[] betaFor(double[][] y) {
        if (!weighted || mode == BetaMode.DATASET) {
            return datasetBeta.clone();
        }
        double[] beta = new double[datasetBeta.length];
        for (int c = 0; c < beta.length; c++) {
            int pos = 0;
            int known = 0;
            for (double[] row : y) {
                if (!Double.isNaN(row[c])) {
                    known++;
                    pos += row[c] > 0.5 ? 1 : 0;
                }
            }
            int neg = known - pos;
            beta[c] = pos == 0 || neg == 0 ? datasetBeta[c] : (double) neg / pos;
        }
        return beta;
    }

    @Override
    public LossValue compute(INDArray logits, INDArray labels) {
        double[][] z = logits.toDoubleMatrix();
        double[][] y = labels.toDoubleMatrix();
        LossChecks.sameShape(z, y, datasetBeta.length);
        double[] beta = betaFor(y);
        double[][] grad = new double[z.length][datasetBeta.length];
        double total = 0;
        for (int i = 0; i < z.length; i++) {
            for (int c = 0; c < beta.length; c++) {
                double zi = z[i][c];
                double yi = y[i][c];
                if (Double.isNaN(yi)) {
                    continue; // masked: no loss, zero gradient
                }
                // -log sigmoid(z) = softplus(-z); -log(1 - sigmoid(z)) = softplus(z)
                total += beta[c] * yi * softplus(-zi) + (1 - yi) * softplus(zi);
                double s = sigmoid(zi);
                grad[i][c] = -beta[c] * yi * (1 - s) + (1 - yi) * s;
            }
        }
        return new LossValue(total / z.length, Nd4j.createFromArray(grad).castTo(logits.dataType()));
    }

    static double softplus(double x) {
        return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
    }

    static double sigmoid(double x) {
        return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
    }
}
