package org.xai4j.adversarial;

import org.xai4j.loss.LogitLoss;
import org.xai4j.model.InputShape;

/** Builds the {@link Attack} that {@link AttackOptions} describe, for images of a given shape. */
public final class Attacks {
    private Attacks() {
    }

    /**
     * @param loss  the loss the attack increases (the run's training loss)
     * @param shape the input shape (for epsilon scaled with the number of pixels)
     */
    public static Attack create(AttackOptions o, LogitLoss loss, InputShape shape) {
        double radius = o.radius(shape);
        ThreatModel ball = o.norm().ball(radius);
        return switch (o.method()) {
            case FGSM -> new Fgsm(ball, o.inputRange(), loss, o.targeted());
            case PGD -> new Pgd(ball, o.inputRange(), loss, new Pgd.Settings(o.steps(),
                    Math.max(o.relativeStep() * radius, Double.MIN_NORMAL), o.randomStart(), o.restarts(),
                    o.targeted(), o.keepBest()));
        };
    }
}
