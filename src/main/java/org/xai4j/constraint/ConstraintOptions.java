package org.xai4j.constraint;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The {@code train.constraint} section: the gradient-attribution constraint for healthy images
 * (Wargnier-Dauchelle et al., IEEE TMI 2023), {@code L = L_cls + lambda * mean over constrained voxels of
 * phi(c * A(x))} on the healthy images of each batch. Every field may be left out; the defaults are given here.
 *
 * @param enabled       train with the constraint; default false (the other keys are then ignored)
 * @param lambda        weight of the term, >= 0; default 1.0
 * @param warmupEpochs  lambda grows linearly from 0 to {@code lambda} over this many epochs (fractions allowed);
 *                      default 0 (no warm-up)
 * @param attribution   {@code grad} (default), {@code ixg}, {@code eg}, {@code ig}, another name registered in
 *                      {@link TrainingAttributions}, or {@code combination}
 * @param methods       the attributions of {@code combination} (registered names); default [grad, ixg, eg]
 * @param combine       {@code alternate} (default: a different method each step, in turn) or {@code sum} (the sum
 *                      of the methods' maps)
 * @param penalty       {@code softplus} (default), {@code relu} or {@code squared}
 * @param scale         attribution scale {@code c} in {@code phi(c * A)}, > 0; default 1.0
 * @param normalize     {@code none} (default) or {@code rms}: divide each image's map by the root mean square of
 *                      its constrained voxels (made scale-free before {@code scale} applies)
 * @param region        {@code image} (default: every voxel of a healthy image) or {@code brain} (only inside the
 *                      brain mask; voxels outside are unconstrained)
 * @param target        the pathological score: {@code sum} (default: the sum of all logits, i.e. the logit of a
 *                      binary model) or the name of one label
 * @param references    Expected Gradients: references per image and step, >= 1; default 1
 * @param zeroReference Expected Gradients: probability that a reference is the zero image instead of another image
 *                      of the batch; default 0
 * @param steps         Integrated Gradients: number of points (right Riemann sum, zero baseline), >= 1; default 8
 * @param difference    {@code central} (default; two extra passes per point), {@code forward} (one extra pass
 *                      per point, reusing the attribution pass's parameter gradient) or {@code exact} (one
 *                      forward-over-reverse pass per point, exact second order; the CIFAR ResNet's and the patch
 *                      classifier's layers, no dropout)
 * @param passes        {@code batch} (default): the term's passes run on the whole batch, as the classification pass
 *                      and as double back-propagation through the classification forward pass does, with only the
 *                      constrained images' voxels penalised; {@code healthy}: on the constrained images alone,
 *                      BatchNorm normalising with their statistics (about half the cost, and measured to give a far
 *                      weaker effect on the maps: docs/attribution-constraint.md)
 * @param step          finite-difference step relative to the input scale, {@code h max|u| = step max|x|}, in
 *                      (0, 0.1]; default 3e-3 (the ReLU switches are held at the unperturbed point, so the step
 *                      only trades the truncation error of the difference against float32 round-off; measured in
 *                      docs/attribution-constraint.md)
 */
public record ConstraintOptions(Boolean enabled, Double lambda, Double warmupEpochs, String attribution,
                                List<String> methods, Combine combine, Penalty penalty, Double scale,
                                Normalization normalize, Region region, String target, Integer references,
                                Double zeroReference, Integer steps, Difference difference, Double step,
                                Passes passes) {
    /** How {@code combination} mixes its methods. */
    public enum Combine {
        @JsonProperty("alternate") ALTERNATE,
        @JsonProperty("sum") SUM
    }

    /** Per-image normalisation of the attribution before the penalty. */
    public enum Normalization {
        @JsonProperty("none") NONE,
        @JsonProperty("rms") RMS
    }

    /** Which voxels of a healthy image are constrained. */
    public enum Region {
        @JsonProperty("image") IMAGE,
        @JsonProperty("brain") BRAIN
    }

    /** How the Hessian-vector product is taken: a finite-difference scheme, or exactly. */
    public enum Difference {
        @JsonProperty("central") CENTRAL,
        @JsonProperty("forward") FORWARD,
        /** Forward-over-reverse differentiation (the R-operator, {@code org.xai4j.secondorder}): no step. */
        @JsonProperty("exact") EXACT
    }

    /** Which images the term's passes run on, and so which BatchNorm statistics its attribution sees. */
    public enum Passes {
        /** The constrained images alone (their own batch statistics). */
        @JsonProperty("healthy") HEALTHY,
        /** The whole batch, as the classification pass; only the constrained images' voxels are penalised. */
        @JsonProperty("batch") BATCH
    }

    /** Target value of {@link #target} meaning "sum of all logits". */
    public static final String SUM = "sum";

    public ConstraintOptions {
        enabled = enabled == null ? Boolean.FALSE : enabled;
        lambda = lambda == null ? 1.0 : lambda;
        warmupEpochs = warmupEpochs == null ? 0.0 : warmupEpochs;
        attribution = attribution == null ? "grad" : attribution.trim();
        methods = methods == null ? List.of("grad", "ixg", "eg") : methods.stream().map(String::trim).toList();
        combine = combine == null ? Combine.ALTERNATE : combine;
        penalty = penalty == null ? Penalty.SOFTPLUS : penalty;
        scale = scale == null ? 1.0 : scale;
        normalize = normalize == null ? Normalization.NONE : normalize;
        region = region == null ? Region.IMAGE : region;
        target = target == null ? SUM : target.trim();
        references = references == null ? 1 : references;
        zeroReference = zeroReference == null ? 0.0 : zeroReference;
        steps = steps == null ? 8 : steps;
        difference = difference == null ? Difference.CENTRAL : difference;
        step = step == null ? 3e-3 : step;
        passes = passes == null ? Passes.BATCH : passes;
        if (!(lambda >= 0) || Double.isInfinite(lambda)) {
            throw new IllegalArgumentException("lambda: must be >= 0, got " + lambda);
        }
        if (!(warmupEpochs >= 0) || Double.isInfinite(warmupEpochs)) {
            throw new IllegalArgumentException("warmupEpochs: must be >= 0, got " + warmupEpochs);
        }
        if (!attribution.equals(TrainingAttributions.COMBINATION)) {
            TrainingAttributions.requireKnown(attribution, "attribution");
        }
        if (methods.isEmpty()) {
            throw new IllegalArgumentException("methods: must list at least one of " + TrainingAttributions.names()
                    + " (not combination), got []");
        }
        for (String m : methods) {
            TrainingAttributions.requireKnown(m, "methods");
        }
        if (normalize == Normalization.RMS && penalty == Penalty.SQUARED) {
            throw new IllegalArgumentException("normalize: rms makes the squared penalty a constant (the mean of "
                    + "(c A / rms(A))^2 is c^2); use none, or the softplus or relu penalty");
        }
        if (!(scale > 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException("scale: must be > 0, got " + scale);
        }
        if (target.isEmpty()) {
            throw new IllegalArgumentException("target: must be 'sum' or a label name");
        }
        if (references < 1) {
            throw new IllegalArgumentException("references: must be >= 1, got " + references);
        }
        if (!(zeroReference >= 0 && zeroReference <= 1)) {
            throw new IllegalArgumentException("zeroReference: must be in [0, 1], got " + zeroReference);
        }
        if (steps < 1) {
            throw new IllegalArgumentException("steps: must be >= 1, got " + steps);
        }
        if (!(step > 0 && step <= 0.1)) {
            throw new IllegalArgumentException("step: must be in (0, 0.1], got " + step);
        }
    }

    public static ConstraintOptions defaults() {
        return new ConstraintOptions(null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null);
    }

    /** The attributions used in turn (alternate) or together (sum): {@link #methods} for combination, else one. */
    public List<String> activeMethods() {
        return attribution.equals(TrainingAttributions.COMBINATION) ? methods : List.of(attribution);
    }
}
