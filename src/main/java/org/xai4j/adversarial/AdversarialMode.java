package org.xai4j.adversarial;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How adversarial examples enter training ({@code train.adversarial.mode}). */
public enum AdversarialMode {
    /** Standard training (no attack). */
    @JsonProperty("none") NONE,
    /** Train on adversarial examples only (Madry et al., ICLR 2018). */
    @JsonProperty("madry") MADRY,
    /** Perturb a fraction of each batch (one half by default) and train on the mixed batch (Khakzar et al. 2019). */
    @JsonProperty("mixed") MIXED
}
