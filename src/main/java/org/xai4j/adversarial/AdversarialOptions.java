package org.xai4j.adversarial;

/**
 * Adversarial training ({@code train.adversarial}). Every field may be left out; {@code null} means the default.
 *
 * <pre>
 * train:
 *   adversarial:
 *     mode: madry                  # none (default) | madry | mixed
 *     attack: {method: pgd, norm: l2, epsilon: 4, steps: 7}
 *     fraction: 0.5                # mixed only: share of each batch that is perturbed
 *     warmStart: {epochs: 5, patience: 2}
 * </pre>
 *
 * @param mode      {@code none}, {@code madry} (every example perturbed) or {@code mixed}
 * @param fraction  mixed mode: share of each batch that is perturbed, in (0, 1]; default 0.5 (1 for the other
 *                  modes, where no other value is allowed)
 * @param attack    the attack used inside training (in training mode on the live graph)
 * @param warmStart clean training first; default off
 */
public record AdversarialOptions(AdversarialMode mode, Double fraction, AttackOptions attack,
                                 WarmStartOptions warmStart) {
    public AdversarialOptions {
        mode = mode == null ? AdversarialMode.NONE : mode;
        fraction = fraction == null ? (mode == AdversarialMode.MIXED ? 0.5 : 1.0) : fraction;
        if (fraction != 1.0 && mode != AdversarialMode.MIXED) {
            throw new IllegalArgumentException("fraction: only used with mode mixed (mode is "
                    + mode.name().toLowerCase(java.util.Locale.ROOT) + ")");
        }
        if (!(fraction > 0 && fraction <= 1)) {
            throw new IllegalArgumentException("fraction: must be in (0, 1], got " + fraction);
        }
        attack = attack == null ? AttackOptions.defaults() : attack;
        warmStart = warmStart == null ? WarmStartOptions.defaults() : warmStart;
        if (warmStart.enabled() && mode == AdversarialMode.NONE) {
            throw new IllegalArgumentException("warmStart: needs mode madry or mixed (mode is none)");
        }
    }

    public static AdversarialOptions defaults() {
        return new AdversarialOptions(null, null, null, null);
    }

    public boolean enabled() {
        return mode != AdversarialMode.NONE;
    }
}
