package org.xai4j.constraint;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Expected Gradients (Erion et al., Nature Machine Intelligence 2021) with {@code k} samples per image:
 * {@code A = (1/k) sum_j (x - r_j) * ds/dx(r_j + alpha_j (x - r_j))}, {@code alpha_j ~ U(0, 1)} per image, each
 * reference {@code r_j} another image of the same batch, or the zero image with probability {@code p} (always when
 * the batch has one image). Only the indices and positions are kept; points are rebuilt on demand.
 */
public final class ExpectedGradientsAttribution implements TrainingAttribution {
    private final int references;
    private final double zeroProbability;

    public ExpectedGradientsAttribution(int references, double zeroProbability) {
        if (references < 1) {
            throw new IllegalArgumentException("references: must be >= 1, got " + references);
        }
        if (!(zeroProbability >= 0 && zeroProbability <= 1)) {
            throw new IllegalArgumentException("zeroReference: must be in [0, 1], got " + zeroProbability);
        }
        this.references = references;
        this.zeroProbability = zeroProbability;
    }

    @Override
    public String name() {
        return "eg";
    }

    @Override
    public PointSet points(SubBatch batch, SplittableRandom rng) {
        INDArray x = batch.images();
        int n = batch.size();
        int pool = (int) batch.batch().size(0);
        int[][] ref = new int[references][n];
        double[][] alpha = new double[references][n];
        for (int j = 0; j < references; j++) {
            for (int i = 0; i < n; i++) {
                boolean zero = pool < 2 || rng.nextDouble() < zeroProbability;
                int r = -1;
                if (!zero) {
                    r = rng.nextInt(pool - 1);
                    r = r >= batch.rows()[i] ? r + 1 : r;
                }
                ref[j][i] = r;
                alpha[j][i] = rng.nextDouble();
            }
        }
        return PointSet.of(x, references, j -> {
            INDArray r = Nd4j.zeros(x.dataType(), x.shape());
            INDArray a = Nd4j.zeros(x.dataType(), n, 1);
            for (int i = 0; i < n; i++) {
                if (ref[j][i] >= 0) {
                    r.slice(i).assign(batch.batch().slice(ref[j][i]));
                }
                a.putScalar(i, 0, alpha[j][i]);
            }
            INDArray diff = x.sub(r);
            long per = x.length() / n;
            INDArray input = r.add(diff.reshape(n, per).mulColumnVector(a).reshape(x.shape()));
            return new AttributionPoint(input, diff.divi(references));
        });
    }
}
