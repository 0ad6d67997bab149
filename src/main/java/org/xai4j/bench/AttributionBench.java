package org.xai4j.bench;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.attribution.Attribution;
import org.xai4j.attribution.AttributionOptions;
import org.xai4j.attribution.Attributions;
import org.xai4j.attribution.Baseline;
import org.xai4j.attribution.ExpectedGradients;
import org.xai4j.attribution.IntegratedGradients;
import org.xai4j.attribution.NoiseTunnel;
import org.xai4j.attribution.Occlusion;
import org.xai4j.attribution.Quadrature;
import org.xai4j.model.Classifier;
import org.xai4j.model.InputShape;
import org.xai4j.model.Mode;
import org.xai4j.model.ModelAdapter;
import org.xai4j.model.ModelDescription;
import org.xai4j.model.ModelOptions;
import org.xai4j.model.Target;
import org.xai4j.perf.Timing;
import org.xai4j.report.CsvTable;

/**
 * The cost of attribution, measured in one run on one random batch: Integrated Gradients with {@code steps} steps
 * against {@code steps} separate inference-mode input-gradient passes on the same batch, timed in alternating rounds
 * (the reported ratio {@code time(IG) / time(steps passes)} is the median of the rounds' ratios; it should be at most
 * about 1.1: evaluating the integration points in chunks of {@code internalBatch} rows must not cost more than
 * separate passes), and the images per second of every requested method (registry defaults, except the shared
 * internal batch; medians).
 */
public final class AttributionBench {
    private AttributionBench() {
    }

    /**
     * @param method        registry name
     * @param seconds       median seconds per call on the batch
     * @param imagesPerSecond batch / seconds
     * @param gradientPasses seconds divided by the time of one gradient pass on the batch
     */
    public record Row(String method, double seconds, double imagesPerSecond, double gradientPasses) {
    }

    /**
     * @param gradientSeconds median seconds of one gradient pass on the batch
     * @param igSeconds       median seconds of IG with the configured steps
     * @param ratio           igSeconds / (steps * gradientSeconds)
     * @param rows            one row per method
     */
    public record Result(double gradientSeconds, double igSeconds, double ratio, List<Row> rows) {
    }

    public static Result run(AttributionBenchOptions o, PrintStream progress) {
        InputShape shape = new InputShape(o.channels(), o.size(), o.size());
        Classifier c = Classifier.build(new ModelOptions(o.model(), o.width(), o.blocks(), 0.0), shape, 1, 1234,
                DataType.FLOAT);
        ModelAdapter adapter = new ModelAdapter(c);
        Nd4j.getRandom().setSeed(7);
        INDArray x = Nd4j.rand(DataType.FLOAT, o.batch(), o.channels(), o.size(), o.size());
        Target target = Target.logit(0);
        IntegratedGradients ig = new IntegratedGradients(adapter, new IntegratedGradients.Options(o.steps(),
                Quadrature.GAUSS_LEGENDRE, Baseline.zero(), o.internalBatch()));
        for (int i = 0; i < o.warmup(); i++) {
            adapter.inputGradient(x, target, Mode.INFERENCE);
            ig.attribute(x, target);
        }
        // interleaved, so that both see the same machine load; the ratio is the median of the per-round ratios
        double[] passes = new double[o.iterations()];
        double[] igTimes = new double[o.iterations()];
        double[] ratios = new double[o.iterations()];
        for (int i = 0; i < o.iterations(); i++) {
            System.gc(); // free the off-heap buffers of earlier calls outside the timed region
            long t0 = System.nanoTime();
            for (int s = 0; s < o.steps(); s++) {
                adapter.inputGradient(x, target, Mode.INFERENCE);
            }
            passes[i] = (System.nanoTime() - t0) / 1e9;
            System.gc();
            long t1 = System.nanoTime();
            ig.attribute(x, target);
            igTimes[i] = (System.nanoTime() - t1) / 1e9;
            ratios[i] = igTimes[i] / passes[i];
        }
        double grad = Timing.median(passes) / o.steps();
        double igSeconds = Timing.median(igTimes);
        double ratio = Timing.median(ratios);
        progress.printf(Locale.ROOT, "%d gradient passes %.3f s, IG-%d %.3f s (medians of %d rounds): ratio %.3f%n",
                o.steps(), Timing.median(passes), o.steps(), igSeconds, o.iterations(), ratio);
        AttributionOptions opts = AttributionOptions.defaults()
                .with("ig", new IntegratedGradients.Options(o.steps(), Quadrature.GAUSS_LEGENDRE, Baseline.zero(),
                        o.internalBatch()))
                .with("eg", new ExpectedGradients.Options(null, null, null, o.internalBatch()))
                .withAll(NoiseTunnel.Options.class, new NoiseTunnel.Options(null, null, null, o.internalBatch()))
                .with("occlusion", new Occlusion.Options(null, null, null, o.internalBatch()));
        List<Row> rows = new ArrayList<>();
        for (String name : o.methods()) {
            Attribution m = Attributions.create(name, adapter, opts);
            double s = medianSeconds(o, () -> m.attribute(x, target));
            Row r = new Row(name, s, o.batch() / s, s / grad);
            rows.add(r);
            progress.printf(Locale.ROOT, "  %-22s %.4f s per batch  %8.1f img/s  (%.1f gradient passes)%n", name, s,
                    r.imagesPerSecond(), r.gradientPasses());
        }
        return new Result(grad, igSeconds, ratio, rows);
    }

    /** Median wall time of {@code o.iterations()} calls after {@code o.warmup()}, collecting garbage untimed. */
    private static double medianSeconds(AttributionBenchOptions o, Runnable call) {
        for (int i = 0; i < o.warmup(); i++) {
            call.run();
        }
        double[] t = new double[o.iterations()];
        for (int i = 0; i < t.length; i++) {
            System.gc();
            long t0 = System.nanoTime();
            call.run();
            t[i] = (System.nanoTime() - t0) / 1e9;
        }
        return Timing.median(t);
    }

    /** One row per method plus the IG ratio row, with the settings they were measured under. */
    public static void write(Path file, AttributionBenchOptions o, Result r) {
        List<List<Object>> rows = new ArrayList<>();
        String input = o.channels() + "x" + o.size() + "x" + o.size();
        String blocks = o.blocks() == null ? "reference" : o.blocks().toString();
        int cores = Runtime.getRuntime().availableProcessors();
        rows.add(List.of("ig" + o.steps() + "/" + o.steps() + "xgrad", r.igSeconds(), o.batch() / r.igSeconds(),
                r.ratio(), o.model(), input, o.batch(), o.width(), blocks, o.internalBatch(), cores));
        for (Row row : r.rows()) {
            rows.add(List.of(row.method(), row.seconds(), row.imagesPerSecond(), row.gradientPasses(), o.model(), input,
                    o.batch(), o.width(), blocks, o.internalBatch(), cores));
        }
        CsvTable.write(file, List.of("method", "seconds_per_batch", "img_per_s", "gradient_passes_or_ratio", "model",
                "input", "batch", "width", "blocks", "internal_batch", "cores"), rows);
    }
}
