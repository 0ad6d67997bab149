package org.xai4j.adversarial;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Attack algorithms. */
public enum AttackMethod {
    /** One step of length epsilon ({@link Fgsm}). */
    @JsonProperty("fgsm") FGSM,
    /** Projected gradient descent ({@link Pgd}). */
    @JsonProperty("pgd") PGD;

    public String label() {
        return this == FGSM ? "fgsm" : "pgd";
    }
}
