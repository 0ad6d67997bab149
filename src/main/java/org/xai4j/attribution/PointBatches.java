package org.xai4j.attribution;

import java.util.ArrayList;
import java.util.List;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.xai4j.model.Mode;
import org.xai4j.model.ModelAdapter;
import org.xai4j.model.Target;

/**
 * Evaluates the model at R replicas of a batch of N examples (IG integration points, Expected-Gradients samples,
 * occluded copies) in chunks of at most {@code chunk} rows, so memory stays bounded whatever R is (Captum's
 * {@code internal_batch_size}). The R x N rows are ordered replica-major (global row {@code r * N + n}); a chunk is
 * a run of consecutive rows and may start or end inside a replica. In inference mode each row's result depends on
 * that row alone, so chunking does not change the answer.
 */
final class PointBatches {
    /** The inputs of replica {@code replica} for examples {@code from..to-1}: (to - from) x C x H x W. */
    interface Points {
        INDArray at(int replica, int from, int to);
    }

    /** Receives the rows of replica {@code replica}, examples {@code from..to-1}, of a chunk's result. */
    interface Sink {
        void accept(int replica, int from, int to, INDArray rows);
    }

    private PointBatches() {
    }

    /** Input gradients of the target (replicated over the rows) at every point; INFERENCE mode. */
    static void gradients(ModelAdapter adapter, Target target, int batch, int replicas, int chunk, Points points,
                          Sink sink) {
        run(batch, replicas, chunk, points, sink,
                (first, x) -> adapter.inputGradient(x, ReplicatedTarget.of(target, batch, first), Mode.INFERENCE));
    }

    /** Target values {@code T_n} at every point, as a 1-D array per piece (length to - from); INFERENCE mode. */
    static void targetValues(ModelAdapter adapter, Target target, int batch, int replicas, int chunk, Points points,
                             Sink sink) {
        run(batch, replicas, chunk, points, sink, (first, x) -> {
            INDArray z = adapter.logits(x, Mode.INFERENCE);
            return Nd4j.createFromArray(ReplicatedTarget.values(target, batch, first, z));
        });
    }

    private interface Evaluation {
        INDArray apply(long firstRow, INDArray inputs);
    }

    private record Piece(int replica, int from, int to) {
    }

    /** Rows from..to-1 of an array of any rank, keeping the leading dimension even for one row. */
    static INDArray rows(INDArray a, long from, long to) {
        INDArrayIndex[] idx = new INDArrayIndex[a.rank()];
        idx[0] = NDArrayIndex.interval(from, to);
        for (int d = 1; d < idx.length; d++) {
            idx[d] = NDArrayIndex.all();
        }
        return a.get(idx);
    }

    private static void run(int batch, int replicas, int chunk, Points points, Sink sink, Evaluation eval) {
        if (chunk < 1) {
            throw new IllegalArgumentException("internalBatch: must be >= 1, got " + chunk);
        }
        long total = (long) batch * replicas;
        for (long start = 0; start < total; start += chunk) {
            long end = Math.min(total, start + chunk);
            List<Piece> pieces = new ArrayList<>();
            List<INDArray> inputs = new ArrayList<>();
            for (long row = start; row < end; ) {
                int replica = (int) (row / batch);
                int from = (int) (row % batch);
                int to = (int) Math.min(batch, from + (end - row));
                pieces.add(new Piece(replica, from, to));
                inputs.add(points.at(replica, from, to));
                row += to - from;
            }
            INDArray x = inputs.size() == 1 ? inputs.get(0) : Nd4j.concat(0, inputs.toArray(INDArray[]::new));
            INDArray result = eval.apply(start, x);
            long offset = 0;
            for (Piece p : pieces) {
                long len = p.to - p.from;
                sink.accept(p.replica, p.from, p.to, rows(result, offset, offset + len).dup()); // dup: slice() of such views is broken in M2.1
                offset += len;
            }
        }
    }
}
