package org.xai4j.bench;

/**
 * Measured speed of one model.
 *
 * @param model           architecture name
 * @param parameters      trainable parameters
 * @param trainStepSeconds median wall time of one forward+backward pass in training mode
 * @param trainImagesPerSecond batch / trainStepSeconds
 * @param inferImagesPerSecond images per second of an inference-mode forward pass
 */
public record ThroughputResult(String model, long parameters, double trainStepSeconds, double trainImagesPerSecond,
                               double inferImagesPerSecond) {
}
