package org.xai4j.faithfulness.axioms;

import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One scenario of the "model knows best" tests (Khakzar et al., CVPR 2022): which patches are generated, which
 * compositions of them over a background the model sees at every optimisation step (the rows), the objective on the
 * two outputs of every row, when the scenario holds, and which composition is finally explained. Objectives follow the
 * reference code: while warming up each patch only raises its own output ({@code -5 o}); afterwards every term is
 * weighted by the focal weight of its key, an exponential moving average (rate alpha, start kappa) of how well it
 * holds: {@code -10 FL(k, 1) o} for an output to raise, {@code 5 FL(k, 0) (o - o_ref)^2} for an output that must not
 * change ({@code FL(k, 1) = -(1 - k)^gamma log k}, {@code FL(k, 0) = -k^gamma log(1 - k)}). A row's loss reaches only
 * the patch it trains (the reference detaches the others).
 */
abstract class PatchScenario {
    /** Patch {@code patch} at position {@code position} of the sample's positions. */
    record Placed(int patch, int position) {
    }

    /**
     * A composition the model sees.
     *
     * @param present the patches pasted on the background
     * @param trained the patch that this row's loss trains, -1 for none (a reference row)
     */
    record Row(List<Placed> present, int trained) {
    }

    /**
     * How the scenario holds at one step.
     *
     * @param targets sigmoids of the outputs that must be high (each must exceed the accuracy threshold)
     * @param changes relative changes of outputs that must stay put (each must stay below the independence threshold)
     */
    record Status(double[] targets, double[] changes) {
        double[] keys() {
            double[] k = new double[targets.length + changes.length];
            System.arraycopy(targets, 0, k, 0, targets.length);
            System.arraycopy(changes, 0, k, targets.length, changes.length);
            return k;
        }
    }

    protected final OutputPair outputs;
    private final double gamma;

    PatchScenario(OutputPair outputs, double gamma) {
        this.outputs = outputs;
        this.gamma = gamma;
    }

    /** Name used in tables: null, single, double, saturation. */
    abstract String name();

    /** Number of patches (decoders) per sample. */
    abstract int patches();

    /** The compositions seen at every step, in row order. */
    abstract List<Row> rows();

    /** The composition that is explained. */
    abstract List<Placed> scored();

    /** The outputs whose maps the metric reads (0 = first, 1 = second). */
    abstract int[] explained();

    /** What does not hold by construction for this output pair (shown in reports), or null. */
    String caveat() {
        return null;
    }

    /** dLoss/d(output) per row (rows x 2), written into {@code dLdo} (zeros on entry). */
    abstract void outputGradient(double[][] o, double[] keys, boolean warm, double[][] dLdo);

    /** The scenario's conditions at outputs {@code o} (rows x 2). */
    abstract Status status(double[][] o);

    /**
     * Positions of the sample's patches in an image of side {@code imageSize}: by default two random non-overlapping
     * squares (split along a random axis, as the reference's placer) or one random square, redrawn (up to 50 times)
     * until {@code allowed} accepts each (on a brain slice: mostly inside the anatomy).
     */
    List<PatchPosition> place(SplittableRandom random, int imageSize, int patchSize,
                              java.util.function.Predicate<PatchPosition> allowed) {
        List<PatchPosition> p = List.of();
        for (int attempt = 0; attempt < 50; attempt++) {
            p = patches() == 1 ? List.of(new PatchPosition(random.nextInt(imageSize - patchSize + 1),
                    random.nextInt(imageSize - patchSize + 1), patchSize)) : twoApart(random, imageSize, patchSize);
            if (p.stream().allMatch(allowed)) {
                return p;
            }
        }
        return p;
    }

    static List<PatchPosition> twoApart(SplittableRandom random, int imageSize, int p) {
        int sep = p + random.nextInt(imageSize - 2 * p + 1);
        int a1 = random.nextInt(sep - p + 1);
        int a2 = sep + random.nextInt(imageSize - p - sep + 1);
        int b1 = random.nextInt(imageSize - p + 1);
        int b2 = random.nextInt(imageSize - p + 1);
        boolean rows = random.nextBoolean();
        PatchPosition first = rows ? new PatchPosition(a1, b1, p) : new PatchPosition(b1, a1, p);
        PatchPosition second = rows ? new PatchPosition(a2, b2, p) : new PatchPosition(b2, a2, p);
        return random.nextBoolean() ? List.of(first, second) : List.of(second, first);
    }

    /** An extra pixel-space term of patch {@code patch} (decoder units), added to {@code dPatch}; none by default. */
    void patchGradient(int patch, INDArray decoded, INDArray dPatch) {
    }

    /** An extra condition on the decoded patches; none by default. */
    boolean extraHolds(List<INDArray> decoded) {
        return true;
    }

    /** The weight of a term that raises an output, from its key. */
    protected double pull(double key) {
        double p = Math.min(Math.max(key, 1e-6), 1 - 1e-6);
        return -Math.pow(1 - p, gamma) * Math.log(p);
    }

    /** The weight of a term that keeps an output put, from its key. */
    protected double hold(double key) {
        double p = Math.min(Math.max(1 - key, 1e-6), 1 - 1e-6);
        return -Math.pow(1 - p, gamma) * Math.log(p);
    }

    static double sigmoid(double v) {
        return 1 / (1 + Math.exp(-v));
    }

    /**
     * Relative change of an output, {@code tanh(|a - b| / max(min(|a|, |b|), 1))}: the reference's measure, with the
     * denominator kept at least 1 so that a change of a logit near 0 is measured in logit units.
     */
    static double change(double a, double b) {
        return Math.tanh(Math.abs(a - b) / Math.max(Math.min(Math.abs(a), Math.abs(b)), 1));
    }
}
