package org.xai4j.adversarial;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How the configured epsilon maps to the radius of the ball. */
public enum EpsilonScale {
    /**
     * Epsilon is the radius itself: per pixel for Linf, the norm of the whole perturbation for L2 (in the units of
     * the network input).
     */
    @JsonProperty("absolute") ABSOLUTE,
    /**
     * Epsilon is given for {@code referencePixels} pixels (H x W) and scaled proportionally to the input size
     * (L2 only), as Margeloiu et al. (2020) suggest: eps = 4 for 50,000 pixels is 0.328 at 64 x 64.
     */
    @JsonProperty("pixels") PIXELS
}
