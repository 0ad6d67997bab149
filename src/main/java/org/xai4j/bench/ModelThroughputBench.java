package org.xai4j.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.engine.Engine;
import org.xai4j.engine.LayerHelpers;
import org.xai4j.model.BuiltModel;
import org.xai4j.model.Classifier;
import org.xai4j.model.Mode;
import org.xai4j.model.ModelAdapter;
import org.xai4j.model.ModelRegistry;
import org.xai4j.model.ParameterCounts;
import org.xai4j.model.Target;
import org.xai4j.perf.FlopCount;
import org.xai4j.perf.FlopCounter;
import org.xai4j.perf.GemmRate;
import org.xai4j.perf.GemmReference;
import org.xai4j.perf.MemoryPeak;
import org.xai4j.perf.PeakMemory;
import org.xai4j.perf.Timing;

/**
 * Training-step, inference and (optionally) attribution throughput of each network on random images, through the
 * same {@link ModelAdapter} calls the training loop and the attribution methods make, with efficiency as issue 6
 * defines it: training GFLOP/s (FLOPs counted by {@link FlopCounter}) over the float32 matrix-multiply GFLOP/s of
 * this process ({@link GemmReference}).
 *
 * <p>Everything is interleaved so that a change in machine load hits all variants alike: each case is built once
 * per engine, and every round times one reference multiply and then, for each engine in turn, one training step
 * ({@link ModelAdapter#trainingPass}, as {@code StandardStep} runs it), one inference pass and one attribution
 * pass. Reported times are medians over the rounds; the reference rate is the median over all rounds of the run.
 */
public final class ModelThroughputBench {
    private static final long MEMORY_SAMPLE_MILLIS = 5;

    private ModelThroughputBench() {
    }

    /** Runs every case with every engine; progress lines go to {@code progress}. */
    public static BenchReport run(BenchOptions o, PrintStream progress) {
        o.engines().forEach(Engine::requireAvailable);
        String natives = Engine.oneDnnNativesLoaded() ? "onednn" : "default";
        String omp = System.getenv("OMP_NUM_THREADS");
        String threads = "OMP_NUM_THREADS=" + (omp == null ? "unset" : omp) + ", cores="
                + Runtime.getRuntime().availableProcessors();
        progress.printf("ND4J natives: %s; %s; engines: %s%n", natives, threads,
                String.join(", ", o.engines().stream().map(Engine::id).toList()));
        GemmReference gemm = new GemmReference(o.gemmSize());
        gemm.timeOnce(); // warm-up
        List<Double> gemmTimes = new ArrayList<>();
        List<ThroughputResult> results = new ArrayList<>();
        try (PeakMemory memory = PeakMemory.start(MEMORY_SAMPLE_MILLIS)) {
            for (BenchCase c : o.cases()) {
                results.addAll(runCase(c, o, gemm, gemmTimes, memory, progress));
            }
        }
        GemmRate reference = new GemmRate(gemm.size(), Timing.median(gemmTimes.stream().mapToDouble(d -> d).toArray()));
        progress.printf(Locale.ROOT, "reference: float32 gemm %dx%d %.1f GFLOP/s (median of %d rounds)%n",
                reference.n(), reference.n(), reference.gflops(), gemmTimes.size());
        return new BenchReport(natives, threads, reference, results);
    }

    private static List<ThroughputResult> runCase(BenchCase c, BenchOptions o, GemmReference gemm,
                                                  List<Double> gemmTimes, PeakMemory memory, PrintStream progress) {
        BuiltModel built = ModelRegistry.build(c.model(), c.shape(), 1, 1234, DataType.FLOAT);
        FlopCount flops = FlopCounter.count(built.configuration(), c.shape());
        long params = ParameterCounts.trainable(built.configuration());
        Nd4j.getRandom().setSeed(1234);
        INDArray x = Nd4j.rand(DataType.FLOAT, c.batch(), c.shape().channels(), c.shape().height(), c.shape().width());
        Map<Engine, Passes> passes = new LinkedHashMap<>();
        for (Engine e : o.engines()) {
            passes.put(e, e.during(() -> new Passes(e, built, x, o.attribution())));
        }
        for (int w = 0; w < o.warmup(); w++) {
            passes.values().forEach(p -> p.round(memory));
        }
        passes.values().forEach(Passes::clear);
        for (int i = 0; i < o.iterations(); i++) {
            gemmTimes.add(gemm.timeOnce());
            passes.values().forEach(p -> p.round(memory));
        }
        List<ThroughputResult> out = new ArrayList<>();
        for (Passes p : passes.values()) {
            ThroughputResult r = p.result(c, params, flops);
            String attribution = o.attribution()
                    ? String.format(Locale.ROOT, "  attribution %7.1f img/s", r.attributionImagesPerSecond()) : "";
            progress.printf(Locale.ROOT, "%-18s %-8s %,11d params %6.3f GFLOP/img  train %7.1f img/s %6.2f GFLOP/s  "
                            + "inference %7.1f img/s%s  peak RSS %,.0f MiB  %s%n",
                    c.label(), p.engine.id(), params, flops.training() / 1e9, r.trainImagesPerSecond(),
                    r.trainGflops(), r.inferImagesPerSecond(), attribution, r.memory().processMiB(),
                    r.helpers().describe());
            out.add(r);
        }
        return out;
    }

    /** One engine's graph of a case and the timings of its passes. */
    private static final class Passes {
        private final Engine engine;
        private final ModelAdapter adapter;
        private final LayerHelpers helpers;
        private final INDArray x;
        private final INDArray ones;
        private final boolean attribution;
        private final List<Double> train = new ArrayList<>();
        private final List<Double> infer = new ArrayList<>();
        private final List<Double> attribute = new ArrayList<>();
        private long peakHeap;
        private long peakProcess;

        Passes(Engine engine, BuiltModel built, INDArray x, boolean attribution) {
            this.engine = engine;
            Classifier classifier = Classifier.create(new BuiltModel(built.configuration().clone(), built.description()));
            this.adapter = new ModelAdapter(classifier);
            this.helpers = LayerHelpers.of(classifier.graph());
            this.x = x;
            this.ones = Nd4j.ones(DataType.FLOAT, x.size(0), 1);
            this.attribution = attribution;
        }

        void round(PeakMemory memory) {
            train.add(timed(memory, () -> adapter.trainingPass(x, z -> ones)));
            infer.add(timed(memory, () -> adapter.logits(x, Mode.INFERENCE)));
            if (attribution) {
                attribute.add(timed(memory, () -> adapter.inputGradient(x, Target.logit(0), Mode.INFERENCE)));
            }
        }

        private double timed(PeakMemory memory, Runnable pass) {
            memory.window();
            double s = engine.during(() -> {
                long t0 = System.nanoTime();
                pass.run();
                return (System.nanoTime() - t0) / 1e9;
            });
            MemoryPeak p = memory.window();
            peakHeap = Math.max(peakHeap, p.heapBytes());
            peakProcess = Math.max(peakProcess, p.processBytes());
            return s;
        }

        void clear() {
            train.clear();
            infer.clear();
            attribute.clear();
            peakHeap = 0;
            peakProcess = 0;
        }

        ThroughputResult result(BenchCase c, long params, FlopCount flops) {
            return new ThroughputResult(c, engine, helpers, params, flops, median(train), median(infer),
                    attribution ? median(attribute) : Double.NaN, new MemoryPeak(peakHeap, peakProcess));
        }

        private static double median(List<Double> t) {
            return Timing.median(t.stream().mapToDouble(d -> d).toArray());
        }
    }
}
