package org.xai4j.explain;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.xai4j.attribution.AttributionOptions;
import org.xai4j.attribution.Attributions;
import org.xai4j.attribution.Baseline;
import org.xai4j.data.Split;
import org.xai4j.report.SaliencyDisplay;
import org.xai4j.run.CheckpointChoice;

/**
 * What {@code xai4j explain} does.
 *
 * @param run             the run folder (holds {@code config.yaml} and the checkpoints)
 * @param dataConfig      a YAML file with a {@code data:} section, or null for the run's own data
 * @param split           the split whose images are explained
 * @param limit           at most this many images (the first of the split), unless {@code images} names them
 * @param images          ids of the images to explain (empty = the first {@code limit})
 * @param methods         registry names ({@link Attributions})
 * @param checkpoint      {@code best}, {@code last} or {@code epoch-N}
 * @param out             output folder (null = {@code <run>/explain}, {@code <run>/explain-<checkpoint>} for a
 *                        checkpoint other than {@code best})
 * @param gridImages      images shown in the grid figure
 * @param display         display convention of heat maps
 * @param target          {@code label} (the first positive label, else the predicted class) or {@code predicted}
 * @param attribution     settings of the methods
 * @param deletionBaseline {@code zero} or {@code blur}: what insertion/deletion removes pixels to
 * @param insertionStep   pixels per insertion/deletion step (0 = image width)
 * @param sanityImages    images for the cascading randomisation check (0 = skip)
 * @param batch           images per attribution call
 */
public record ExplainOptions(Path run, Path dataConfig, Split split, int limit, List<String> images,
                             List<String> methods, String checkpoint, Path out, int gridImages,
                             SaliencyDisplay display, String target, AttributionOptions attribution,
                             String deletionBaseline, int insertionStep, int sanityImages, int batch) {
    public static final List<String> DEFAULT_METHODS = List.of("grad", "ixg", "ig", "eg", "smoothgrad", "gradcam",
            "gradcampp", "occlusion", "guidedbackprop", "iba", "lrp", "pathwaygrad");

    public ExplainOptions {
        if (run == null) {
            throw new IllegalArgumentException("--run: a run folder is required");
        }
        images = images == null ? List.of() : List.copyOf(images);
        methods = methods == null || methods.isEmpty() ? DEFAULT_METHODS : List.copyOf(methods);
        if (limit < 1) {
            throw new IllegalArgumentException("--limit: must be >= 1, got " + limit);
        }
        checkpoint = CheckpointChoice.parse(checkpoint).label();
        target = target.toLowerCase(Locale.ROOT);
        if (!target.equals("label") && !target.equals("predicted")) {
            throw new IllegalArgumentException("--target: unknown '" + target + "' (allowed: label, predicted)");
        }
        if (!deletionBaseline.equals("zero") && !deletionBaseline.equals("blur")) {
            throw new IllegalArgumentException("--deletion-baseline: unknown '" + deletionBaseline
                    + "' (allowed: zero, blur)");
        }
        if (gridImages < 0 || insertionStep < 0 || sanityImages < 0 || batch < 1) {
            throw new IllegalArgumentException("--grid, --insertion-step and --sanity must be >= 0, --batch >= 1");
        }
        if (methods.stream().distinct().count() != methods.size()) {
            throw new IllegalArgumentException("--methods: a method is named twice: " + methods);
        }
        for (String m : methods) {
            if (m.contains(",") || m.isBlank()) {
                throw new IllegalArgumentException("--methods: bad name '" + m + "'");
            }
        }
    }

    /** The output folder. */
    public Path outDir() {
        return out != null ? out : run.resolve(CheckpointChoice.parse(checkpoint).outputName("explain"));
    }

    /** The baseline of insertion/deletion. */
    public Baseline deletionBaselineFunction() {
        return deletionBaseline.equals("blur") ? Baseline.blurred(Baseline.BLUR_SIGMA) : Baseline.zero();
    }
}
