package org.xai4j.faithfulness.axioms;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Saturation: one patch at two fixed positions (mid-height, centred on the left and right quarter of the image: the
 * reference's opposite corners lie outside the anatomy of a brain slice, where a model has learnt to look at nothing),
 * each copy alone raising the
 * first output, both together no higher than one (adding the second copy changes nothing). Scored by the Spearman
 * correlation over samples of the mean attribution on the two copies.
 */
final class Saturation extends PatchScenario {
    private static final Placed FIRST = new Placed(0, 0);
    private static final Placed SECOND = new Placed(0, 1);

    Saturation(OutputPair outputs, double gamma) {
        super(outputs, gamma);
    }

    @Override
    String name() {
        return "saturation";
    }

    @Override
    int patches() {
        return 1;
    }

    @Override
    List<Row> rows() {
        return List.of(new Row(List.of(FIRST), 0), new Row(List.of(SECOND), 0), new Row(List.of(FIRST, SECOND), 0));
    }

    @Override
    List<Placed> scored() {
        return List.of(FIRST, SECOND);
    }

    @Override
    int[] explained() {
        return new int[] {0};
    }

    @Override
    List<PatchPosition> place(SplittableRandom random, int imageSize, int patchSize,
                              java.util.function.Predicate<PatchPosition> allowed) {
        int row = (imageSize - patchSize) / 2;
        return List.of(new PatchPosition(row, Math.max(0, imageSize / 4 - patchSize / 2), patchSize),
                new PatchPosition(row, Math.min(imageSize - patchSize, 3 * imageSize / 4 - patchSize / 2), patchSize));
    }

    @Override
    void outputGradient(double[][] o, double[] keys, boolean warm, double[][] d) {
        if (warm) {
            d[0][0] = -5;
            d[1][0] = -5;
            return;
        }
        d[0][0] = -10 * pull(keys[0]);
        d[1][0] = -10 * pull(keys[1]);
        d[2][0] = 10 * hold(keys[2]) * (o[2][0] - o[1][0]) + 10 * hold(keys[3]) * (o[2][0] - o[0][0]);
    }

    @Override
    Status status(double[][] o) {
        return new Status(new double[] {sigmoid(o[0][0]), sigmoid(o[1][0])},
                new double[] {change(o[2][0], o[1][0]), change(o[2][0], o[0][0])});
    }
}
