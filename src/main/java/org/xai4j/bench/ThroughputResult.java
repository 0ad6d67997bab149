package org.xai4j.bench;

import org.xai4j.engine.Engine;
import org.xai4j.engine.LayerHelpers;
import org.xai4j.perf.FlopCount;
import org.xai4j.perf.GemmRate;
import org.xai4j.perf.MemoryPeak;

/**
 * Measured speed of one network with one engine.
 *
 * @param benchCase              what was timed
 * @param engine                 the layer engine its graph was built with
 * @param helpers                which layers actually had a platform helper
 * @param parameters             trainable parameters
 * @param flops                  FLOPs per image, counted from the layer shapes
 * @param trainStepSeconds       median wall time of one training-mode forward+backward pass of the batch
 * @param inferStepSeconds       median wall time of one inference-mode forward pass of the batch
 * @param attributionStepSeconds median wall time of one inference-mode input-gradient pass, NaN if not timed
 * @param memory                 highest memory use seen during this engine's timed passes
 */
public record ThroughputResult(BenchCase benchCase, Engine engine, LayerHelpers helpers, long parameters,
                               FlopCount flops, double trainStepSeconds, double inferStepSeconds,
                               double attributionStepSeconds, MemoryPeak memory) {
    public double trainImagesPerSecond() {
        return benchCase.batch() / trainStepSeconds;
    }

    public double inferImagesPerSecond() {
        return benchCase.batch() / inferStepSeconds;
    }

    public double attributionImagesPerSecond() {
        return benchCase.batch() / attributionStepSeconds;
    }

    /** Training GFLOP/s: forward+backward FLOPs per image times images per second. */
    public double trainGflops() {
        return flops.training() * trainImagesPerSecond() / 1e9;
    }

    /** Input-gradient (attribution) GFLOP/s; NaN if not timed. */
    public double attributionGflops() {
        return flops.inputGradient() * attributionImagesPerSecond() / 1e9;
    }

    /** Training GFLOP/s over the reference sgemm GFLOP/s of the same process (issue 6's efficiency). */
    public double efficiency(GemmRate reference) {
        return trainGflops() / reference.gflops();
    }

    /** Attribution GFLOP/s over the reference sgemm GFLOP/s; NaN if not timed. */
    public double attributionEfficiency(GemmRate reference) {
        return attributionGflops() / reference.gflops();
    }
}
