package org.xai4j.data;

import java.util.List;
import java.util.Map;

/**
 * The {@code data.chexpert} section: CheXpert (Irvin et al., AAAI 2019) read from its own files
 * ({@link CheXpertSource}).
 *
 * <pre>
 * data:
 *   source: chexpert
 *   chexpert: {folder: datasets/CheXpert-v1.0-small, labels: competition, uncertain: zeros,
 *              uncertainPerLabel: {Atelectasis: ones, Edema: ones}}
 * </pre>
 *
 * @param folder            the folder holding {@code train.csv} and {@code valid.csv} (the {@code Path} column's
 *                          paths resolve against its parent, as the download lays them out); relative paths resolve
 *                          against the working directory; required
 * @param size              side of the square training images; default 224
 * @param labels            the observations used as labels: {@code all} (the 14 columns, default), {@code competition}
 *                          (Atelectasis, Cardiomegaly, Consolidation, Edema, Pleural Effusion) or a list of names
 * @param uncertain         the policy for an uncertain label ({@code -1}): {@code zeros} (U-Zeros, default),
 *                          {@code ones} (U-Ones) or {@code ignore} (U-Ignore: the label is NaN, masked out of the
 *                          weighted BCE and of that label's metrics); a blank is negative
 * @param uncertainPerLabel a policy per label, overriding {@code uncertain}
 * @param frontalOnly       keep only frontal images ({@code Frontal/Lateral} = {@code Frontal}); default true
 * @param valFraction       share of the train.csv patients held out for validation (valid.csv is the test split);
 *                          default 0.1
 * @param seed              seed of the patient-level validation draw; default 42
 * @param limit             read at most this many images per split; default all
 */
public record CheXpertOptions(String folder, Integer size, Object labels, String uncertain,
                              Map<String, String> uncertainPerLabel, Boolean frontalOnly, Double valFraction,
                              Long seed, Integer limit) {
    /** The 14 observation columns, in the files' order. */
    public static final List<String> OBSERVATIONS = List.of("No Finding", "Enlarged Cardiomediastinum",
            "Cardiomegaly", "Lung Opacity", "Lung Lesion", "Edema", "Consolidation", "Pneumonia", "Atelectasis",
            "Pneumothorax", "Pleural Effusion", "Pleural Other", "Fracture", "Support Devices");
    /** The five labels of the CheXpert competition. */
    public static final List<String> COMPETITION = List.of("Atelectasis", "Cardiomegaly", "Consolidation", "Edema",
            "Pleural Effusion");
    static final List<String> POLICIES = List.of("zeros", "ones", "ignore");

    public CheXpertOptions {
        size = size == null ? 224 : size;
        labels = labelList(labels == null ? "all" : labels);
        uncertain = OptionChecks.oneOf("uncertain", uncertain == null ? "zeros" : uncertain, POLICIES);
        uncertainPerLabel = uncertainPerLabel == null ? Map.of() : Map.copyOf(uncertainPerLabel);
        for (Map.Entry<String, String> e : uncertainPerLabel.entrySet()) {
            if (!OBSERVATIONS.contains(e.getKey())) {
                throw new IllegalArgumentException("uncertainPerLabel: unknown observation '" + e.getKey()
                        + "' (allowed: " + String.join(", ", OBSERVATIONS) + ")");
            }
            OptionChecks.oneOf("uncertainPerLabel." + e.getKey(), e.getValue(), POLICIES);
        }
        frontalOnly = frontalOnly == null ? Boolean.TRUE : frontalOnly;
        valFraction = valFraction == null ? 0.1 : valFraction;
        seed = seed == null ? 42L : seed;
        if (size < 8 || size > 1024) {
            throw new IllegalArgumentException("size: must be in [8, 1024], got " + size);
        }
        if (!(valFraction >= 0 && valFraction < 1)) {
            throw new IllegalArgumentException("valFraction: must be in [0, 1), got " + valFraction);
        }
        if (limit != null && limit < 1) {
            throw new IllegalArgumentException("limit: must be >= 1, got " + limit);
        }
    }

    /** The label names, resolved from {@code all}, {@code competition} or a list. */
    @SuppressWarnings("unchecked")
    public List<String> labelNames() {
        return (List<String>) labels;
    }

    /** The policy of {@code label}: {@code zeros}, {@code ones} or {@code ignore}. */
    public String policy(String label) {
        return uncertainPerLabel.getOrDefault(label, uncertain);
    }

    private static List<String> labelList(Object labels) {
        if (labels instanceof String s) {
            return switch (s.trim()) {
                case "all" -> OBSERVATIONS;
                case "competition" -> COMPETITION;
                default -> throw new IllegalArgumentException("labels: expected all, competition or a list of "
                        + "observations, got '" + s + "'");
            };
        }
        if (labels instanceof List<?> list && !list.isEmpty()) {
            List<String> out = list.stream().map(String::valueOf).map(String::trim).toList();
            for (String l : out) {
                if (!OBSERVATIONS.contains(l)) {
                    throw new IllegalArgumentException("labels: unknown observation '" + l + "' (allowed: "
                            + String.join(", ", OBSERVATIONS) + ")");
                }
            }
            return out;
        }
        throw new IllegalArgumentException("labels: expected all, competition or a list of observations, got "
                + labels);
    }

    public static CheXpertOptions defaults() {
        return new CheXpertOptions(null, null, null, null, null, null, null, null, null);
    }
}
