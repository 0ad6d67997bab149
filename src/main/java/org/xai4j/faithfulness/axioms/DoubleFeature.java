package org.xai4j.faithfulness.axioms;

import java.util.List;

/**
 * Class sensitivity with two features: patch A raises the first output, patch B the second, and (for independent
 * outputs) adding either patch leaves the other output where the other patch put it. Scored by
 * {@link AxiomMetrics#overlap} of the two outputs' maps on the image with both patches.
 */
final class DoubleFeature extends PatchScenario {
    private static final Placed A = new Placed(0, 0);
    private static final Placed B = new Placed(1, 1);

    DoubleFeature(OutputPair outputs, double gamma) {
        super(outputs, gamma);
    }

    @Override
    String name() {
        return "double";
    }

    @Override
    int patches() {
        return 2;
    }

    @Override
    List<Row> rows() {
        return List.of(new Row(List.of(A), 0), new Row(List.of(B), 1), new Row(List.of(A, B), 0),
                new Row(List.of(A, B), 1));
    }

    @Override
    List<Placed> scored() {
        return List.of(A, B);
    }

    @Override
    int[] explained() {
        return new int[] {0, 1};
    }

    @Override
    String caveat() {
        return outputs.independent() ? null : "one logit: each patch only raises its output (z or -z); that it leaves "
                + "the other output put cannot hold";
    }

    @Override
    void outputGradient(double[][] o, double[] keys, boolean warm, double[][] d) {
        if (warm) {
            d[0][0] = -5;
            d[1][1] = -5;
            return;
        }
        d[0][0] = -10 * pull(keys[0]);
        d[1][1] = -10 * pull(keys[1]);
        if (outputs.independent()) {
            d[2][1] = 10 * hold(keys[2]) * (o[2][1] - o[1][1]);
            d[3][0] = 10 * hold(keys[3]) * (o[3][0] - o[0][0]);
        }
    }

    @Override
    Status status(double[][] o) {
        double[] targets = {sigmoid(o[0][0]), sigmoid(o[1][1])};
        double[] changes = outputs.independent() ? new double[] {change(o[2][1], o[1][1]), change(o[3][0], o[0][0])}
                : new double[0];
        return new Status(targets, changes);
    }
}
