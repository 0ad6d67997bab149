package org.xai4j.bench;

import java.util.List;

/**
 * What {@code xai4j bench attribution} measures.
 *
 * @param model         architecture
 * @param size          image side
 * @param channels      input channels
 * @param batch         images per attribution call
 * @param width         width multiplier
 * @param blocks        blocks per stage (null = reference depth)
 * @param steps         Integrated-Gradients steps of the ratio measurement
 * @param internalBatch rows per model pass inside the methods
 * @param methods       registry names to time
 * @param warmup        untimed calls first
 * @param iterations    timed calls (median reported)
 */
public record AttributionBenchOptions(String model, int size, int channels, int batch, double width,
                                      List<Integer> blocks, int steps, int internalBatch, List<String> methods,
                                      int warmup, int iterations) {
    public AttributionBenchOptions {
        methods = List.copyOf(methods);
        if (methods.isEmpty()) {
            throw new IllegalArgumentException("--methods: name at least one method");
        }
        if (size < 16 || channels < 1 || batch < 1 || steps < 1 || internalBatch < 1 || warmup < 0
                || iterations < 1) {
            throw new IllegalArgumentException("bench attribution: size >= 16, channels, batch, steps, internal "
                    + "batch and iterations >= 1, warmup >= 0 are required");
        }
    }
}
