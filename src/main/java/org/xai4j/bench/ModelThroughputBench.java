package org.xai4j.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.model.BuiltModel;
import org.xai4j.model.Classifier;
import org.xai4j.model.InputShape;
import org.xai4j.model.Mode;
import org.xai4j.model.ModelAdapter;
import org.xai4j.model.ModelOptions;
import org.xai4j.model.ModelRegistry;
import org.xai4j.model.ParameterCounts;

/**
 * Forward+backward throughput of each model family on random images, through the same {@link ModelAdapter}
 * calls the training loop makes. Reports medians of the timed iterations.
 */
public final class ModelThroughputBench {
    private ModelThroughputBench() {
    }

    public static List<ThroughputResult> run(BenchOptions o, java.io.PrintStream progress) {
        List<ThroughputResult> results = new ArrayList<>();
        InputShape shape = new InputShape(o.channels(), o.size(), o.size());
        for (String name : o.models()) {
            ModelOptions mo = new ModelOptions(name, o.widthMultiplier(), o.blocks(), 0.0);
            BuiltModel built = ModelRegistry.build(mo, shape, 1, 1234, DataType.FLOAT);
            long params = ParameterCounts.trainable(built.configuration());
            ModelAdapter adapter = new ModelAdapter(Classifier.create(built));
            INDArray x = Nd4j.rand(DataType.FLOAT, o.batch(), o.channels(), o.size(), o.size());
            INDArray ones = Nd4j.ones(DataType.FLOAT, o.batch(), 1);
            double train = medianSeconds(o, () -> {
                adapter.forward(x, Mode.TRAINING);
                adapter.backward(ones, false);
            });
            double infer = medianSeconds(o, () -> adapter.logits(x, Mode.INFERENCE));
            ThroughputResult r = new ThroughputResult(name, params, train, o.batch() / train, o.batch() / infer);
            progress.printf(java.util.Locale.ROOT, "%-22s %,12d params  train step %.3f s  %.1f img/s  inference %.1f img/s%n",
                    name, params, train, r.trainImagesPerSecond(), r.inferImagesPerSecond());
            results.add(r);
        }
        return results;
    }

    static double medianSeconds(BenchOptions o, Runnable pass) {
        for (int i = 0; i < o.warmup(); i++) {
            pass.run();
        }
        double[] t = new double[o.iterations()];
        for (int i = 0; i < t.length; i++) {
            long t0 = System.nanoTime();
            pass.run();
            t[i] = (System.nanoTime() - t0) / 1e9;
        }
        Arrays.sort(t);
        return t.length % 2 == 1 ? t[t.length / 2] : (t[t.length / 2 - 1] + t[t.length / 2]) / 2;
    }
}
