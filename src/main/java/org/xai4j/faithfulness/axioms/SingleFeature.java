package org.xai4j.faithfulness.axioms;

import java.util.List;

/**
 * Class sensitivity with one feature: a patch raises the first output and (for independent outputs) leaves the second
 * where the background alone puts it. Scored by the Spearman correlation over samples of the two outputs'
 * {@link AxiomMetrics#patchContrast} on the patch.
 */
final class SingleFeature extends PatchScenario {
    private static final Placed P = new Placed(0, 0);

    SingleFeature(OutputPair outputs, double gamma) {
        super(outputs, gamma);
    }

    @Override
    String name() {
        return "single";
    }

    @Override
    int patches() {
        return 1;
    }

    @Override
    List<Row> rows() {
        return List.of(new Row(List.of(), -1), new Row(List.of(P), 0));
    }

    @Override
    List<Placed> scored() {
        return List.of(P);
    }

    @Override
    int[] explained() {
        return new int[] {0, 1};
    }

    @Override
    String caveat() {
        return outputs.independent() ? null : "one logit: the patch raises z, so -z cannot stay put";
    }

    @Override
    void outputGradient(double[][] o, double[] keys, boolean warm, double[][] d) {
        if (warm) {
            d[1][0] = -5;
            return;
        }
        d[1][0] = -10 * pull(keys[0]);
        if (outputs.independent()) {
            d[1][1] = 10 * hold(keys[1]) * (o[1][1] - o[0][1]);
        }
    }

    @Override
    Status status(double[][] o) {
        return new Status(new double[] {sigmoid(o[1][0])},
                outputs.independent() ? new double[] {change(o[1][1], o[0][1])} : new double[0]);
    }
}
