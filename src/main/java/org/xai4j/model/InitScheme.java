package org.xai4j.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How a freshly built network's convolution and dense parameters are drawn ({@code model.init}). Batch and
 * instance normalisation start at scale 1 and shift 0 under both.
 */
public enum InitScheme {
    /**
     * He et al. 2015 ("Delving deep into rectifiers"): weights N(0, 2 / fan_in), biases 0 (DL4J's
     * {@code WeightInit.RELU}); the default.
     */
    @JsonProperty("he") HE,
    /**
     * PyTorch's default for {@code nn.Conv2d} and {@code nn.Linear} (kaiming_uniform with a = sqrt 5): weights
     * and biases U(-1/sqrt(fan_in), 1/sqrt(fan_in)), fan_in = input channels x kernel area. Standard deviation
     * 1/sqrt(3 fan_in), 2.4 times smaller than He's, which changes Adam's effective step on layers followed by
     * normalisation; use it to compare with a PyTorch model trained from its defaults.
     */
    @JsonProperty("pytorch") PYTORCH
}
