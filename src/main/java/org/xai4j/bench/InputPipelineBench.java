package org.xai4j.bench;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import javax.imageio.ImageIO;
import org.nd4j.linalg.api.buffer.DataType;
import org.xai4j.data.Batch;
import org.xai4j.data.BatchIterator;
import org.xai4j.data.CheXpertOptions;
import org.xai4j.data.DataOptions;
import org.xai4j.data.DataSources;
import org.xai4j.data.SampleSet;
import org.xai4j.data.TransformOptions;
import org.xai4j.data.Transforms;
import org.xai4j.loss.BetaMode;
import org.xai4j.loss.WeightedBce;
import org.xai4j.model.Classifier;
import org.xai4j.model.InputShape;
import org.xai4j.model.ModelAdapter;
import org.xai4j.model.ModelOptions;
import org.xai4j.report.CsvTable;
import org.xai4j.step.StandardStep;
import org.xai4j.step.TrainingStep;

/**
 * {@code xai4j bench input-pipeline}: images per second of the public-data-set input pipeline (issue 14) next to the
 * training step it feeds, in one run. The data set is a CheXpert-layout folder of generated 8-bit grey JPEGs at
 * the "small" download's resolution (390 x 320), read by the real reader ({@code data.source: chexpert}); stages:
 * decoding and resizing into memory ({@code data.cache: off}), the first load with the {@link
 * org.xai4j.data.ImageCache} (decode, resize, write), a second load (the cache mapped, nothing decoded), one epoch of
 * augmented training batches from the cache, training steps on one fixed batch (the step alone), and the same steps
 * fed by the pipeline without and with prefetching. Writes a CSV; no assertion, since machines are noisy.
 */
public final class InputPipelineBench {
    /** The settings: images in the generated data set, training size, network and steps. */
    public record Options(int images, int size, String model, double width, List<Integer> blocks, int batch,
                          int steps, Path work) {
        public Options {
            if (images < 2 * batch) {
                throw new IllegalArgumentException("--images: at least two batches (" + 2 * batch + "), got " + images);
            }
            if (steps < 1 || steps > images / batch) {
                throw new IllegalArgumentException("--steps: 1.." + images / batch + " (one epoch at most), got "
                        + steps);
            }
        }
    }

    /** One stage: how many images in how many seconds. */
    public record Stage(String name, int images, double seconds, String note) {
        public double imagesPerSecond() {
            return images / seconds;
        }
    }

    private static final int SOURCE_WIDTH = 320;
    private static final int SOURCE_HEIGHT = 390;

    private InputPipelineBench() {
    }

    public static List<Stage> run(Options o, PrintStream progress) {
        Path folder = o.work().resolve("CheXpert-v1.0-small");
        writeDataSet(folder, o.images());
        progress.printf(Locale.ROOT, "%d JPEGs of %dx%d in %s%n", o.images(), SOURCE_WIDTH, SOURCE_HEIGHT, folder);
        CheXpertOptions chexpert = new CheXpertOptions(folder.toString(), o.size(), "competition", null, null, true,
                0.0, 42L, null);
        List<Stage> stages = new ArrayList<>();
        Path cache = o.work().resolve("cache");
        stages.add(timed("decode into memory (cache off)", o.images(), () -> load(chexpert, "off", o.work())));
        stages.add(timed("first load: decode, resize, write the 8-bit cache", o.images(),
                () -> load(chexpert, cache.toString(), o.work())));
        SampleSet[] cached = new SampleSet[1];
        stages.add(timed("second load: cache mapped", o.images(), () -> cached[0] = load(chexpert, cache.toString(),
                o.work())));
        Transforms augment = new Transforms(new TransformOptions(null, null, null, 0.5, null, 5.0, 0.95, 1.05, 0.05,
                null, null));
        List<org.xai4j.data.Sample> train = cached[0].split(org.xai4j.data.Split.TRAIN);
        BatchIterator batches = BatchIterator.of(train, o.batch()).withShuffle(1).withTransforms(augment, true);
        batches.epoch(9).iterator().next(); // warm-up: ND4J's first arrays, the JIT
        stages.add(timed("one epoch of augmented batches from the cache", train.size(), () -> {
            batches.epoch(0).forEach(b -> { });
            return null;
        }));
        Classifier classifier = Classifier.build(new ModelOptions(o.model(), o.width(), o.blocks(), 0.0),
                new InputShape(1, o.size(), o.size()), cached[0].numLabels(), 1234, DataType.FLOAT);
        ModelAdapter adapter = new ModelAdapter(classifier);
        TrainingStep step = new StandardStep(WeightedBce.weighted(BetaMode.BATCH, ones(cached[0].numLabels())));
        Batch fixed = batches.epoch(1).iterator().next();
        StepTiming.run(adapter, step, fixed); // warm-up
        int trained = o.steps() * o.batch();
        stages.add(timed("training steps on one fixed batch (" + o.model() + ")", trained, () -> {
            for (int i = 0; i < o.steps(); i++) {
                StepTiming.run(adapter, step, fixed);
            }
            return null;
        }));
        for (int prefetch : new int[] {0, 2}) {
            BatchIterator fed = batches.withPrefetch(prefetch);
            stages.add(timed("training fed by the pipeline, prefetch " + prefetch, trained, () -> {
                Iterator<Batch> it = fed.epoch(2 + prefetch).iterator();
                for (int i = 0; i < o.steps(); i++) {
                    StepTiming.run(adapter, step, it.next());
                }
                return null;
            }));
        }
        long pixels = (long) o.images() * o.size() * o.size();
        progress.printf(Locale.ROOT, "held in memory as floats: %.1f MB; the 8-bit cache file: %.1f MB%n",
                pixels * 4 / 1e6, pixels / 1e6);
        for (Stage s : stages) {
            progress.printf(Locale.ROOT, "  %-55s %6d images %8.2f s %9.1f img/s%n", s.name(), s.images(), s.seconds(),
                    s.imagesPerSecond());
        }
        return stages;
    }

    public static void write(Path csv, Options o, List<Stage> stages) {
        List<List<Object>> rows = new ArrayList<>();
        for (Stage s : stages) {
            rows.add(List.of(s.name(), s.images(), s.seconds(), s.imagesPerSecond(), o.size(), o.model(), o.batch(),
                    Runtime.getRuntime().availableProcessors()));
        }
        CsvTable.write(csv, List.of("stage", "images", "seconds", "images_per_s", "size", "model", "batch", "cores"),
                rows);
    }

    private static SampleSet load(CheXpertOptions chexpert, String cache, Path base) {
        return DataSources.load(new DataOptions("chexpert", null, null, null, null, null, chexpert, cache, 0), base);
    }

    private static Stage timed(String name, int images, java.util.concurrent.Callable<?> work) {
        long t0 = System.nanoTime();
        try {
            work.call();
        } catch (Exception e) {
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
        }
        return new Stage(name, images, (System.nanoTime() - t0) / 1e9, "");
    }

    private static double[] ones(int n) {
        double[] w = new double[n];
        Arrays.fill(w, 1.0);
        return w;
    }

    /** A CheXpert-layout folder: train.csv with the public header, one frontal study per patient. */
    private static void writeDataSet(Path folder, int images) {
        try {
            List<String> train = new ArrayList<>();
            train.add("Path,Sex,Age,Frontal/Lateral,AP/PA,No Finding,Enlarged Cardiomediastinum,Cardiomegaly,"
                    + "Lung Opacity,Lung Lesion,Edema,Consolidation,Pneumonia,Atelectasis,Pneumothorax,"
                    + "Pleural Effusion,Pleural Other,Fracture,Support Devices");
            Random rng = new Random(5);
            for (int i = 0; i < images; i++) {
                String rel = String.format("CheXpert-v1.0-small/train/patient%05d/study1/view1_frontal.jpg", i + 1);
                Path file = folder.getParent().resolve(rel);
                if (!Files.isRegularFile(file)) {
                    Files.createDirectories(file.getParent());
                    ImageIO.write(radiograph(rng), "jpg", file.toFile());
                }
                String[] y = new String[14];
                for (int k = 0; k < y.length; k++) {
                    y[k] = rng.nextDouble() < 0.2 ? "1.0" : rng.nextDouble() < 0.1 ? "-1.0" : "";
                }
                train.add(rel + ",Female,60,Frontal,AP," + String.join(",", y));
            }
            Files.write(folder.resolve("train.csv"), train);
            Files.write(folder.resolve("valid.csv"), List.of(train.get(0), train.get(1)));
        } catch (IOException e) {
            throw new UncheckedIOException("bench input-pipeline: cannot write the data set: " + e.getMessage(), e);
        }
    }

    /** A grey image with smooth structure and noise, so that JPEG decoding costs what it costs on radiographs. */
    private static BufferedImage radiograph(Random rng) {
        BufferedImage img = new BufferedImage(SOURCE_WIDTH, SOURCE_HEIGHT, BufferedImage.TYPE_BYTE_GRAY);
        double fx = 2 + 4 * rng.nextDouble();
        double fy = 2 + 4 * rng.nextDouble();
        for (int y = 0; y < SOURCE_HEIGHT; y++) {
            for (int x = 0; x < SOURCE_WIDTH; x++) {
                double v = 120 + 60 * Math.sin(fx * x / SOURCE_WIDTH * Math.PI) * Math.cos(fy * y / SOURCE_HEIGHT
                        * Math.PI) + 20 * rng.nextGaussian();
                img.getRaster().setSample(x, y, 0, (int) Math.max(0, Math.min(255, v)));
            }
        }
        return img;
    }
}
