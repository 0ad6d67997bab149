package org.xai4j.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Classification losses a run can use (METHODS.md section 1). */
public enum LossKind {
    /** Weighted BCE with beta = #neg/#pos per label (the default). */
    @JsonProperty("weighted-bce") WEIGHTED_BCE,
    /** Unweighted BCE. */
    @JsonProperty("bce") BCE,
    /** Softmax cross-entropy over one-hot labels. */
    @JsonProperty("softmax-ce") SOFTMAX_CE
}
