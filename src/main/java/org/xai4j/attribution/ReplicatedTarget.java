package org.xai4j.attribution;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.xai4j.model.Target;

/**
 * A {@link Target} of a batch of N examples applied to an expanded batch whose rows are replicas of those examples
 * (integration points, noisy copies, occluded copies). Row {@code i} of the expanded batch is global row
 * {@code first + i}, i.e. replica {@code (first + i) / N} of example {@code (first + i) % N}.
 *
 * <p>The {@link Target} contract makes T a sum of per-row terms {@code T_n(z_n)}; so each replica's rows are placed
 * at their example's row of an N x K template (zeros elsewhere), the original target is applied to the template,
 * and the rows of interest are read back. Per-example targets ({@link Target#perExample}) thereby follow their
 * example into every replica.
 */
final class ReplicatedTarget {
    private ReplicatedTarget() {
    }

    /**
     * @param target the target of the original batch
     * @param batch  N, the original batch size
     * @param first  global row index of the expanded batch's first row
     */
    static Target of(Target target, int batch, long first) {
        return z -> apply(target, batch, first, z, false);
    }

    /** Per-row values {@code <dT/dz_i, z_i>} of the expanded rows (the target's value for the linear targets). */
    static double[] values(Target target, int batch, long first, INDArray z) {
        INDArray prod = apply(target, batch, first, z, true);
        double[] v = new double[(int) z.size(0)];
        for (int i = 0; i < v.length; i++) {
            v[i] = prod.getRow(i).sumNumber().doubleValue();
        }
        return v;
    }

    private static INDArray apply(Target target, int batch, long first, INDArray z, boolean times) {
        long rows = z.size(0);
        long k = z.size(1);
        INDArray out = Nd4j.zeros(z.dataType(), rows, k);
        long i = 0;
        while (i < rows) {
            long global = first + i;
            int n0 = (int) (global % batch);
            long len = Math.min(rows - i, batch - n0);
            INDArray template = Nd4j.zeros(z.dataType(), batch, k);
            INDArray piece = z.get(NDArrayIndex.interval(i, i + len), NDArrayIndex.all());
            template.get(NDArrayIndex.interval(n0, n0 + len), NDArrayIndex.all()).assign(piece);
            INDArray g = target.outputGradient(template);
            INDArray gPiece = g.get(NDArrayIndex.interval(n0, n0 + len), NDArrayIndex.all());
            out.get(NDArrayIndex.interval(i, i + len), NDArrayIndex.all()).assign(times ? gPiece.mul(piece) : gPiece);
            i += len;
        }
        return out;
    }
}
