package org.xai4j.segmentation;

import java.nio.file.Path;
import java.util.List;
import org.xai4j.data.Split;
import org.xai4j.run.CheckpointChoice;

/**
 * What {@code xai4j segment} is asked to do.
 *
 * @param run         run folder
 * @param data        YAML file with a {@code data:} section, or null for the run's own data
 * @param checkpoint  {@code best}, {@code last} or {@code epoch-N}
 * @param methods     attribution method names (registry names, or noise-tunnel wrappers such as
 *                    {@code smoothgrad:ig}), {@code all} or {@code none}
 * @param baselines   {@code intensity}, {@code autoencoder}, {@code all} or {@code none}
 * @param options     map processing and threshold rule
 * @param split       split whose pathological images are segmented (a {@code best-dice} threshold is chosen on
 *                    {@code val})
 * @param limit       at most this many images of the split (and of {@code val}); null for all
 * @param out         output folder, or null for {@code <run>/segment} ({@code <run>/segment-<checkpoint>} for a
 *                    checkpoint other than {@code best})
 * @param autoencoder how the autoencoder baseline is trained when it is not already saved
 * @param samples     integration points of {@code ig}, samples of {@code eg} and of the noise tunnel; null for the
 *                    registry's defaults
 * @param methodOptions per-method settings applied over those ({@code --method-options}), or null
 */
public record SegmentationRequest(Path run, Path data, String checkpoint, List<String> methods,
                                  List<String> baselines, SegmentationOptions options, Split split, Integer limit,
                                  Path out, AutoencoderOptions autoencoder, Integer samples,
                                  java.util.function.UnaryOperator<org.xai4j.attribution.AttributionOptions> methodOptions) {
    /** The baselines that can be named. */
    public static final List<String> BASELINES = List.of(IntensityMaps.NAME, ReconstructionMaps.NAME);

    public SegmentationRequest {
        if (run == null) {
            throw new IllegalArgumentException("--run: required");
        }
        checkpoint = CheckpointChoice.parse(checkpoint == null ? "best" : checkpoint).label();
        methods = List.copyOf(methods);
        baselines = List.copyOf(baselines);
        options = options == null ? SegmentationOptions.defaults() : options;
        split = split == null ? Split.TEST : split;
        if (limit != null && limit < 1) {
            throw new IllegalArgumentException("--limit: must be >= 1, got " + limit);
        }
        autoencoder = autoencoder == null ? AutoencoderOptions.defaults() : autoencoder;
        if (samples != null && samples < 1) {
            throw new IllegalArgumentException("--samples: must be >= 1, got " + samples);
        }
        methodOptions = methodOptions == null ? o -> o : methodOptions;
    }

    /** The output folder. */
    public Path outputDir() {
        return out != null ? out
                : run.resolve(CheckpointChoice.parse(checkpoint).outputName(SegmentationContext.FOLDER));
    }

    /** The attribution methods asked for, in order, checked against {@code known}. */
    public List<String> resolvedMethods(java.util.Set<String> known) {
        return resolve("--methods", methods, List.copyOf(known), true);
    }

    /** The baselines asked for, in order. */
    public List<String> resolvedBaselines() {
        return resolve("--baseline", baselines, BASELINES, false);
    }

    /** With {@code wrappers}, names holding a ':' pass here and are checked when the method is created. */
    private static List<String> resolve(String option, List<String> asked, List<String> known, boolean wrappers) {
        if (asked.size() == 1 && asked.get(0).equals("all")) {
            return known;
        }
        if (asked.isEmpty() || asked.size() == 1 && asked.get(0).equals("none")) {
            return List.of();
        }
        for (String name : asked) {
            if (!known.contains(name) && !(wrappers && name.contains(":"))) {
                throw new IllegalArgumentException(option + ": unknown '" + name + "' (known: "
                        + String.join(", ", known) + ", or all, none)");
            }
        }
        return asked.stream().distinct().toList();
    }
}
