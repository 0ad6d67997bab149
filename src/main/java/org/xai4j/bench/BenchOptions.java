package org.xai4j.bench;

import java.util.ArrayList;
import java.util.List;
import org.xai4j.engine.Engine;
import org.xai4j.model.InputShape;
import org.xai4j.model.ModelOptions;

/**
 * What {@code xai4j bench} measures.
 *
 * @param cases       networks to time, in order
 * @param engines     layer engines to interleave (each case is built once per engine)
 * @param warmup      untimed iterations first
 * @param iterations  timed iterations (rounds: each round times every engine once, in turn)
 * @param attribution also time an input-gradient pass in inference mode (an attribution step)
 * @param gemmSize    side of the float32 reference matrix multiply timed in every round
 */
public record BenchOptions(List<BenchCase> cases, List<Engine> engines, int warmup, int iterations,
                           boolean attribution, int gemmSize) {
    public BenchOptions {
        cases = List.copyOf(cases);
        engines = List.copyOf(engines);
        if (cases.isEmpty()) {
            throw new IllegalArgumentException("--models: name at least one architecture");
        }
        if (engines.isEmpty() || engines.stream().distinct().count() != engines.size()) {
            throw new IllegalArgumentException("--engines: name each engine once, got " + engines);
        }
        if (warmup < 0 || iterations < 1 || gemmSize < 64) {
            throw new IllegalArgumentException("bench: warmup >= 0, iterations >= 1 and gemm size >= 64 are required");
        }
    }

    /** One case per architecture, all with the same shape, batch, width and depth override. */
    public static List<BenchCase> sameSettings(List<String> models, int size, int channels, int batch,
                                               double widthMultiplier, List<Integer> blocks) {
        if (size < 16 || channels < 1 || batch < 1) {
            throw new IllegalArgumentException("bench: size >= 16, channels >= 1 and batch >= 1 are required");
        }
        List<BenchCase> out = new ArrayList<>();
        for (String m : models) {
            out.add(new BenchCase(m, new ModelOptions(m, widthMultiplier, blocks, 0.0),
                    new InputShape(channels, size, size), batch));
        }
        return out;
    }
}
