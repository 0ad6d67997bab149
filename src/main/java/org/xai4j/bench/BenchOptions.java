package org.xai4j.bench;

import java.util.List;

/**
 * What {@code xai4j bench} measures.
 *
 * @param models          architectures to time
 * @param size            image side (square)
 * @param channels        input channels
 * @param batch           batch size
 * @param widthMultiplier width knob of the models (1 = reference networks)
 * @param blocks          optional blocks per stage override (null = reference depth)
 * @param warmup          untimed iterations first
 * @param iterations      timed iterations
 */
public record BenchOptions(List<String> models, int size, int channels, int batch, double widthMultiplier,
                           List<Integer> blocks, int warmup, int iterations) {
    public BenchOptions {
        models = List.copyOf(models);
        if (models.isEmpty()) {
            throw new IllegalArgumentException("--models: name at least one architecture");
        }
        if (size < 16 || channels < 1 || batch < 1 || warmup < 0 || iterations < 1) {
            throw new IllegalArgumentException("bench: size >= 16, channels >= 1, batch >= 1, warmup >= 0 and "
                    + "iterations >= 1 are required");
        }
    }
}
