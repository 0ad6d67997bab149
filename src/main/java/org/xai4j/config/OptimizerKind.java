package org.xai4j.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Optimisers a run can use. */
public enum OptimizerKind {
    @JsonProperty("adam") ADAM,
    @JsonProperty("sgd") SGD
}
