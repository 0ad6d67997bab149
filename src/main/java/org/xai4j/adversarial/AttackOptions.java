package org.xai4j.adversarial;

import java.util.List;
import org.xai4j.model.InputShape;

/**
 * An attack in a config ({@code train.adversarial.attack}) or on the command line
 * ({@code xai4j evaluate --attack ...}). Every field may be left out; {@code null} means the default.
 *
 * <pre>
 * attack: {method: pgd, norm: l2, epsilon: 4, epsilonScale: pixels, steps: 7, relativeStep: 0.2}
 * attack: {method: fgsm, norm: linf, epsilon: 0.005}
 * </pre>
 *
 * @param method          {@code pgd} (default) or {@code fgsm}
 * @param norm            {@code l2} (default) or {@code linf}
 * @param epsilon         radius; default 4 for L2 (per {@code referencePixels} pixels), 0.005 for Linf
 * @param epsilonScale    {@code pixels} (default for L2: epsilon is scaled by H*W / referencePixels) or
 *                        {@code absolute} (default for Linf, where it is per pixel)
 * @param referencePixels the number of pixels epsilon is given for with {@code epsilonScale: pixels}; default 50000
 * @param steps           PGD steps; default 7
 * @param relativeStep    PGD step size as a fraction of the (scaled) epsilon; default 0.2 (eps/5). FGSM always
 *                        steps by epsilon
 * @param randomStart     PGD starts at a random point of the ball; default true
 * @param restarts        PGD restarts, each example keeping its worst case; default 1
 * @param targeted        decrease the loss of flipped labels (binary and multi-label: 1 - y; multi-class: the next
 *                        class) instead of increasing the loss of the true labels; default false
 * @param keepBest        PGD returns each example's worst iterate (the clean input included) rather than the last
 *                        (MadryLab's {@code use_best}); default false: the last iterate, as in Madry et al., so a
 *                        PGD-k training step costs k + 1 passes. {@code xai4j evaluate --attack} turns it on, since
 *                        a robustness estimate wants each example's worst case (it costs one forward pass more per
 *                        restart, and one for the clean input)
 * @param range           valid input range {@code [min, max]}; default {@code [0.0, 1.0]} (un-normalised images)
 */
public record AttackOptions(AttackMethod method, Norm norm, Double epsilon, EpsilonScale epsilonScale,
                            Integer referencePixels, Integer steps, Double relativeStep, Boolean randomStart,
                            Integer restarts, Boolean targeted, Boolean keepBest, List<Double> range) {
    public AttackOptions {
        method = method == null ? AttackMethod.PGD : method;
        norm = norm == null ? Norm.L2 : norm;
        epsilon = epsilon == null ? (norm == Norm.L2 ? 4.0 : 0.005) : epsilon;
        epsilonScale = epsilonScale == null ? (norm == Norm.L2 ? EpsilonScale.PIXELS : EpsilonScale.ABSOLUTE)
                : epsilonScale;
        referencePixels = referencePixels == null ? 50_000 : referencePixels;
        steps = steps == null ? 7 : steps;
        relativeStep = relativeStep == null ? 0.2 : relativeStep;
        randomStart = randomStart == null ? Boolean.TRUE : randomStart;
        restarts = restarts == null ? 1 : restarts;
        targeted = targeted == null ? Boolean.FALSE : targeted;
        keepBest = keepBest == null ? Boolean.FALSE : keepBest;
        range = range == null ? List.of(0.0, 1.0) : range;
        if (!(epsilon >= 0) || Double.isInfinite(epsilon)) {
            throw new IllegalArgumentException("epsilon: must be finite and >= 0, got " + epsilon);
        }
        if (epsilonScale == EpsilonScale.PIXELS && norm == Norm.LINF) {
            throw new IllegalArgumentException("epsilonScale: pixels applies to the l2 norm only (linf epsilon is "
                    + "per pixel already); use absolute");
        }
        if (referencePixels < 1) {
            throw new IllegalArgumentException("referencePixels: must be >= 1, got " + referencePixels);
        }
        if (steps < 1) {
            throw new IllegalArgumentException("steps: must be >= 1, got " + steps);
        }
        if (!(relativeStep > 0 && relativeStep <= 10)) {
            throw new IllegalArgumentException("relativeStep: must be in (0, 10], got " + relativeStep);
        }
        if (restarts < 1) {
            throw new IllegalArgumentException("restarts: must be >= 1, got " + restarts);
        }
        if (range.size() != 2 || range.stream().anyMatch(java.util.Objects::isNull)
                || !(range.get(0) < range.get(1))) {
            throw new IllegalArgumentException("range: must be [min, max] with min < max, got " + range);
        }
        range = List.copyOf(range);
    }

    public static AttackOptions defaults() {
        return new AttackOptions(null, null, null, null, null, null, null, null, null, null, null, null);
    }

    /** The same attack with another epsilon (in the same scale). */
    public AttackOptions withEpsilon(double newEpsilon) {
        return new AttackOptions(method, norm, newEpsilon, epsilonScale, referencePixels, steps, relativeStep,
                randomStart, restarts, targeted, keepBest, range);
    }

    /** The radius of the ball for images of {@code shape}. */
    public double radius(InputShape shape) {
        return epsilonScale == EpsilonScale.PIXELS
                ? epsilon * ((double) shape.height() * shape.width()) / referencePixels : epsilon;
    }

    /** The valid input range. */
    public InputRange inputRange() {
        return new InputRange(range.get(0), range.get(1));
    }

    /** A short description, e.g. {@code pgd-l2 eps 4 per 50000 px (0.328), 7 steps of eps/5, random start}. */
    public String describe(InputShape shape) {
        String eps = epsilonScale == EpsilonScale.PIXELS
                ? String.format(java.util.Locale.ROOT, "eps %s per %d px (%.4g)", epsilon, referencePixels,
                radius(shape))
                : "eps " + epsilon;
        String how = method == AttackMethod.FGSM ? "one step"
                : String.format(java.util.Locale.ROOT, "%d steps of %.3g eps%s%s", steps, relativeStep,
                randomStart ? ", random start" : "", restarts > 1 ? ", " + restarts + " restarts" : "");
        return method.label() + "-" + norm.label() + " " + eps + ", " + how + (targeted ? ", targeted" : "");
    }
}
