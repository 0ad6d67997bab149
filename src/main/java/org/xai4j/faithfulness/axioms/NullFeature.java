package org.xai4j.faithfulness.axioms;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The null player: patch T drives the explained output (its sigmoid pulled to 0.99 by the cross-entropy
 * {@code -5 [0.99 log s + 0.01 log(1 - s)]}; the reference pulls it to 0.95 by the squared error {@code 5 (s - 0.95)^2},
 * which has no gradient while the sigmoid is saturated at 0, where a patch on a healthy image starts, and whose target
 * lies so close to the 0.94 stopping threshold that on backgrounds as varied as real slices the sigmoid falls below it
 * at most steps), patch N leaves that output
 * exactly where it was, both alone and next to T. With independent outputs N raises the other output, as in the
 * reference, so it is a feature the model responds to but the explained output ignores; with one logit there is no
 * other output, so N keeps a standard deviation of at least {@link SynthesisOptions#contrast()} instead (a visible
 * texture the decision must ignore). Scored by {@link AxiomMetrics#nullRatio} of the explained output's map on the
 * image with both patches.
 */
final class NullFeature extends PatchScenario {
    private static final Placed N = new Placed(0, 0);
    private static final Placed T = new Placed(1, 1);
    /** The sigmoid the driving patch aims at. */
    static final double DRIVEN = 0.99;
    private final int driven;
    private final double contrast;

    NullFeature(OutputPair outputs, double gamma, double contrast) {
        super(outputs, gamma);
        this.driven = outputs.independent() ? 1 : 0;
        this.contrast = contrast;
    }

    @Override
    String name() {
        return "null";
    }

    @Override
    int patches() {
        return 2;
    }

    @Override
    List<Row> rows() {
        return List.of(new Row(List.of(), -1), new Row(List.of(N), 0), new Row(List.of(T), 1),
                new Row(List.of(N, T), 0));
    }

    @Override
    List<Placed> scored() {
        return List.of(N, T);
    }

    @Override
    int[] explained() {
        return new int[] {driven};
    }

    @Override
    String caveat() {
        return outputs.independent() ? null : "one logit: the null patch is a texture of standard deviation >= "
                + contrast + " (no other output to raise)";
    }

    @Override
    void outputGradient(double[][] o, double[] keys, boolean warm, double[][] d) {
        d[2][driven] = 5 * (sigmoid(o[2][driven]) - DRIVEN);   // cross-entropy to DRIVEN (see the class comment)
        int other = 1 - driven;
        if (warm) {
            if (outputs.independent()) {
                d[1][other] = -5;
            }
            return;
        }
        int k = 0;
        if (outputs.independent()) {
            d[1][other] = -10 * pull(keys[k]);
            k++;
        }
        k++;                                        // the driver's target key: its loss is not key-weighted
        d[3][driven] = 10 * hold(keys[k]) * (o[3][driven] - o[2][driven]);
        d[1][driven] = 10 * hold(keys[k + 1]) * (o[1][driven] - o[0][driven]);
    }

    @Override
    Status status(double[][] o) {
        double[] changes = {change(o[3][driven], o[2][driven]), change(o[1][driven], o[0][driven])};
        double[] targets = outputs.independent() ? new double[] {sigmoid(o[1][1 - driven]), sigmoid(o[2][driven])}
                : new double[] {sigmoid(o[2][driven])};
        return new Status(targets, changes);
    }

    @Override
    void patchGradient(int patch, INDArray decoded, INDArray dPatch) {
        if (outputs.independent() || patch != 0) {
            return;
        }
        double sd = sd(decoded);
        if (sd < contrast) {                        // d/dN of 5 relu(contrast - sd(N))
            double n = decoded.length();
            dPatch.addi(decoded.sub(decoded.meanNumber()).muli(-5 / (n * Math.max(sd, 1e-8))));
        }
    }

    @Override
    boolean extraHolds(List<INDArray> decoded) {
        return outputs.independent() || sd(decoded.get(0)) >= 0.9 * contrast;
    }

    /** Population standard deviation (the one {@link #patchGradient} differentiates). */
    static double sd(INDArray a) {
        INDArray c = a.sub(a.meanNumber());
        return Math.sqrt(c.muli(c).meanNumber().doubleValue());
    }
}
