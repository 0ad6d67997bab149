package org.xai4j.adversarial;

/** Checks shared by the threat models. */
final class Balls {
    private Balls() {
    }

    static void checkEpsilon(double epsilon) {
        if (!(epsilon >= 0) || Double.isInfinite(epsilon)) {
            throw new IllegalArgumentException("epsilon: must be finite and >= 0, got " + epsilon);
        }
    }
}
