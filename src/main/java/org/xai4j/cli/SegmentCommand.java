package org.xai4j.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.xai4j.config.MethodOptionsFile;
import org.xai4j.data.Split;
import org.xai4j.segmentation.AutoencoderOptions;
import org.xai4j.segmentation.Normalisation;
import org.xai4j.segmentation.SegmentationContext;
import org.xai4j.segmentation.SegmentationJob;
import org.xai4j.segmentation.SegmentationOptions;
import org.xai4j.segmentation.SegmentationRequest;
import org.xai4j.segmentation.ThresholdRule;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code xai4j segment}: lesion segmentation from attribution maps, with the intensity and autoencoder baselines. */
@Command(name = "segment", mixinStandardHelpOptions = true,
        description = "Segment the lesions of a split's pathological images from attribution maps (positive part, "
                + "optional smoothing, brain mask, threshold) and from baselines; writes <run>/segment/ (summary.csv, "
                + "summary.md, <method>/scores.csv, masks/, overlays/).")
public final class SegmentCommand implements Callable<Integer> {
    @Option(names = "--run", required = true, paramLabel = "DIR",
            description = "run folder, e.g. checkpoints/quickstart")
    Path run;

    @Option(names = "--data", paramLabel = "FILE",
            description = "YAML file with a data: section (default: the run's own data)")
    Path data;

    @Option(names = "--checkpoint", defaultValue = "best",
            description = "best, last or epoch-N (default: ${DEFAULT-VALUE})")
    String checkpoint;

    @Option(names = "--methods", split = ",", paramLabel = "M", defaultValue = SegmentationContext.DEFAULT_METHODS_SPEC,
            description = "attribution methods of the registry, comma-separated, or all, none "
                    + "(default: ${DEFAULT-VALUE})")
    List<String> methods = new ArrayList<>();

    @Option(names = "--baseline", split = ",", paramLabel = "B", defaultValue = "intensity",
            description = "baselines: intensity, autoencoder, all or none (default: ${DEFAULT-VALUE})")
    List<String> baselines = new ArrayList<>();

    @Option(names = "--threshold", defaultValue = "otsu", paramLabel = "RULE",
            description = "otsu, percentile:P, fixed:T or best-dice (chosen on val) (default: ${DEFAULT-VALUE})")
    String threshold;

    @Option(names = "--sigma", defaultValue = "0",
            description = "Gaussian smoothing in pixels (default: ${DEFAULT-VALUE})")
    double sigma;

    @Option(names = "--no-brain-mask", description = "segment the whole image, not only the brain mask")
    boolean noBrainMask;

    @Option(names = "--region", paramLabel = "R",
            description = "region instead of the brain mask: a mask name, or intensity>T (pixels brighter than T; "
                    + "the exact reference's protocol uses intensity>0.02 with --normalise max --threshold best-dice)")
    String region;

    @Option(names = "--normalise", defaultValue = "max",
            description = "scale each map before thresholding: max (to peak 1) or none (default: ${DEFAULT-VALUE})")
    String normalise;

    @Option(names = "--split", defaultValue = "test", description = "train, val or test (default: ${DEFAULT-VALUE})")
    String split;

    @Option(names = "--limit", paramLabel = "N", description = "at most N images of the split (and of val)")
    Integer limit;

    @Option(names = "--out", paramLabel = "DIR", description = "output folder (default: <run>/segment)")
    Path out;

    @Option(names = "--method-options", paramLabel = "FILE", description = "YAML of per-method settings, one "
            + "section per method name (e.g. ig: {steps: 32}); applied over --samples")
    Path methodOptions;

    @Option(names = "--samples", paramLabel = "N",
            description = "integration points of ig, samples of eg and of the noise tunnel (default: 50, 50, 25)")
    Integer samples;

    @Option(names = "--ae-epochs", defaultValue = "20", paramLabel = "N",
            description = "epochs of the autoencoder baseline when it is trained (default: ${DEFAULT-VALUE})")
    int aeEpochs;

    @Override
    public Integer call() {
        if (region != null && noBrainMask) {
            throw new IllegalArgumentException("--region and --no-brain-mask exclude each other: give one region");
        }
        SegmentationOptions options = option(() -> new SegmentationOptions(sigma,
                region != null ? region : noBrainMask ? null : SegmentationOptions.BRAIN, Normalisation.parse(normalise),
                ThresholdRule.parse(threshold)));
        if (aeEpochs < 1) {
            throw new IllegalArgumentException("--ae-epochs: must be >= 1, got " + aeEpochs);
        }
        SegmentationRequest request = new SegmentationRequest(run, data, checkpoint, methods, baselines, options,
                Split.parse(split), limit, out, AutoencoderOptions.defaults().withEpochs(aeEpochs), samples,
                methodOptions == null ? null : o -> MethodOptionsFile.read(methodOptions, o));
        SegmentationJob.run(request, System.out);
        return 0;
    }

    /** Parses option values; a failure's message (which starts with the option's name) gets the dashes. */
    private static <T> T option(java.util.function.Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--" + e.getMessage(), e);
        }
    }
}
