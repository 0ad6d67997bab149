package org.xai4j.adversarial;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The norm of a threat model. */
public enum Norm {
    /** Every pixel moves by at most epsilon ({@link LinfBall}). */
    @JsonProperty("linf") LINF,
    /** The perturbation of an image has Euclidean norm at most epsilon ({@link L2Ball}). */
    @JsonProperty("l2") L2;

    /** The ball of this norm with radius {@code epsilon}. */
    public ThreatModel ball(double epsilon) {
        return this == LINF ? new LinfBall(epsilon) : new L2Ball(epsilon);
    }

    public String label() {
        return this == LINF ? "linf" : "l2";
    }
}
