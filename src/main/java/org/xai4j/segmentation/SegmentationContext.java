package org.xai4j.segmentation;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.xai4j.attribution.Attribution;
import org.xai4j.attribution.AttributionOptions;
import org.xai4j.attribution.Attributions;
import org.xai4j.attribution.ExpectedGradients;
import org.xai4j.attribution.IntegratedGradients;
import org.xai4j.attribution.NoiseTunnel;
import org.xai4j.config.RunConfig;
import org.xai4j.data.BatchIterator;
import org.xai4j.data.DataOptions;
import org.xai4j.data.DataSources;
import org.xai4j.data.Sample;
import org.xai4j.data.SampleSet;
import org.xai4j.data.Split;
import org.xai4j.model.Classifier;
import org.xai4j.model.InputShape;
import org.xai4j.model.ModelAdapter;
import org.xai4j.run.TrainedRun;

/**
 * A trained run ready for segmentation: its resolved config, its classifier (one of its checkpoints), the images to
 * segment (the run's own data, or another {@code data:} section with images of the same shape), and the map
 * sources for it: every registered attribution method, the intensity baseline and the autoencoder baseline (trained
 * on the run's healthy training images, or loaded from {@code <run>/segment/autoencoder.ckpt}).
 */
public final class SegmentationContext {
    /** Folder under the run where {@code xai4j segment} writes by default, and where the autoencoder is kept. */
    public static final String FOLDER = "segment";
    /** File name of the autoencoder baseline under {@link #FOLDER}. */
    public static final String AUTOENCODER = "autoencoder.ckpt";

    private final TrainedRun run;
    private final RunConfig config;
    private final Classifier classifier;
    private final SampleSet data;
    private final DataOptions dataOptions;
    private final boolean ownData;
    private final ModelAdapter adapter;

    private SegmentationContext(TrainedRun run, DataOptions dataOptions, SampleSet data, boolean ownData) {
        this.run = run;
        this.config = run.config();
        this.classifier = run.classifier();
        this.data = data;
        this.dataOptions = dataOptions;
        this.ownData = ownData;
        this.adapter = new ModelAdapter(classifier);
    }

    /**
     * Loads a run folder.
     *
     * @param runDir     the run folder (holds {@code config.yaml} and the checkpoints)
     * @param dataConfig a YAML file whose {@code data:} section names the images to segment; null for the run's own
     * @param checkpoint {@code best}, {@code last} or {@code epoch-N}
     */
    public static SegmentationContext load(Path runDir, Path dataConfig, String checkpoint) {
        TrainedRun run = TrainedRun.open(runDir, checkpoint);
        return new SegmentationContext(run, run.dataOptions(dataConfig, "--data"), run.data(dataConfig, "--data"),
                dataConfig == null);
    }

    /**
     * The attribution methods that can be named: the {@link Attributions} registry's names (noise-tunnel wrappers
     * {@code <variant>:<method>} are accepted too).
     */
    public static Set<String> methods() {
        return Attributions.names();
    }

    /** The methods {@code xai4j segment} uses by default: the gradient family of the paper and Grad-CAM. */
    public static final String DEFAULT_METHODS_SPEC = "grad,ixg,ig,eg,gradcam";
    /** {@link #DEFAULT_METHODS_SPEC} as a list. */
    public static final List<String> DEFAULT_METHODS = List.of(DEFAULT_METHODS_SPEC.split(","));

    /** Most training images used as the Expected-Gradients background. */
    public static final int BACKGROUND_IMAGES = 64;

    public Path runDir() {
        return run.folder().dir();
    }

    public RunConfig config() {
        return config;
    }

    public Classifier classifier() {
        return classifier;
    }

    /** The images segmented (all splits). */
    public SampleSet data() {
        return data;
    }

    public List<Sample> split(Split split) {
        return data.split(split);
    }

    /** Maps of a registered attribution method with its defaults and {@link #attributionOptions} references. */
    public AnomalyMapSource attribution(String method) {
        return attribution(method, attributionOptions(AttributionOptions.defaults()));
    }

    /**
     * Maps of a registered attribution method on the run's classifier, input normalised as in training.
     *
     * @throws IllegalArgumentException naming {@code --methods} for an unknown method
     */
    public AnomalyMapSource attribution(String method, AttributionOptions options) {
        Attribution a;
        try {
            a = Attributions.create(method, adapter, options);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--methods: " + e.getMessage(), e);
        }
        return new AttributionMaps(a, DataSources.transforms(config.data()), config.train().batchSize());
    }

    /**
     * {@code base}, except that Expected Gradients draws its references from the first
     * {@value #BACKGROUND_IMAGES} training images (normalised as in training; the paper draws them from the data
     * set), not from the batch of pathological images being segmented, and the training split is every method's
     * {@link AttributionOptions#reference() reference images} (the information bottleneck's statistics, cached next to
     * the checkpoint). Without training images the batch is used.
     */
    public AttributionOptions attributionOptions(AttributionOptions base) {
        List<Sample> train = data.split(Split.TRAIN);
        if (train.isEmpty()) {
            return base;
        }
        AttributionOptions o = base.withReference(run.referenceImages(dataOptions, data));
        List<Sample> first = train.subList(0, Math.min(BACKGROUND_IMAGES, train.size()));
        var background = BatchIterator.of(first, first.size()).withTransforms(DataSources.transforms(config.data()),
                false).epoch(0).iterator().next().features();
        return o.with("eg", o.of("eg", ExpectedGradients.Options.class).withBackground(background));
    }

    /**
     * {@code options} with {@code samples} integration points for {@code ig}, Monte-Carlo samples for {@code eg} and
     * noisy copies for the noise tunnel.
     */
    public static AttributionOptions withSamples(AttributionOptions options, int samples) {
        if (samples < 1) {
            throw new IllegalArgumentException("--samples: must be >= 1, got " + samples);
        }
        IntegratedGradients.Options ig = options.of("ig", IntegratedGradients.Options.class);
        ExpectedGradients.Options eg = options.of("eg", ExpectedGradients.Options.class);
        NoiseTunnel.Options noise = options.of("smoothgrad", NoiseTunnel.Options.class);
        return options.with("ig", new IntegratedGradients.Options(samples, ig.quadrature(), ig.baseline(),
                        ig.internalBatch()))
                .with("eg", new ExpectedGradients.Options(samples, eg.background(), eg.seed(), eg.internalBatch()))
                .withAll(NoiseTunnel.Options.class, new NoiseTunnel.Options(samples, noise.sigma(), noise.seed(),
                        noise.internalBatch()));
    }

    /** The intensity baseline on channel 0 (FLAIR-like). */
    public AnomalyMapSource intensity() {
        return new IntensityMaps(0);
    }

    /** Where the autoencoder baseline of this run is kept. */
    public Path autoencoderCheckpoint() {
        return run.folder().resolve(FOLDER).resolve(AUTOENCODER);
    }

    /**
     * The autoencoder baseline: loaded from {@link #autoencoderCheckpoint()} when that exists, else trained on the
     * healthy images of the run's own training split (whatever {@code --data} says) and saved there.
     *
     * @param log progress lines (null for none)
     */
    public AnomalyMapSource autoencoder(AutoencoderOptions options, PrintStream log) {
        Path file = autoencoderCheckpoint();
        ConvAutoencoder ae;
        if (Files.isRegularFile(file)) {
            ae = ConvAutoencoder.load(file);
            print(log, "autoencoder: loaded " + file + " (trained on " + ae.info().healthyImages()
                    + " healthy images; delete it to retrain)");
        } else {
            List<Sample> train = ownData ? data.split(Split.TRAIN)
                    : DataSources.load(config.data(), Path.of(".")).split(Split.TRAIN);
            print(log, "autoencoder: training on the " + AutoencoderTraining.healthy(train).size()
                    + " healthy training images of the run (" + options.epochs() + " epochs)");
            ae = AutoencoderTraining.train(train, options, log).autoencoder();
            ae.save(file);
            print(log, String.format(Locale.ROOT, "autoencoder: reconstruction MSE %.5f -> %.5f, saved to %s",
                    ae.info().mseBefore(), ae.info().mseAfter(), file));
        }
        InputShape s = classifier.description().inputShape();
        if (!ae.shape().equals(s)) {
            throw new IllegalArgumentException("autoencoder " + file + " was trained on images of " + ae.shape()
                    + ", the run's images are " + s + "; delete it to retrain");
        }
        return new ReconstructionMaps(ae, config.train().batchSize());
    }

    private static void print(PrintStream log, String line) {
        if (log != null) {
            log.println(line);
        }
    }
}
