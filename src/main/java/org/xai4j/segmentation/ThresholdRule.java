package org.xai4j.segmentation;

import java.util.List;
import java.util.Locale;

/**
 * How a processed anomaly map is binarised: pixels of the region whose value is <b>strictly above</b> the
 * threshold are predicted lesion. Written on the command line as {@code fixed:T}, {@code percentile:P},
 * {@code otsu} or {@code best-dice} (see {@link #parse}). Fixed, percentile and Otsu thresholds are computed per
 * image from the values of its region; {@code best-dice} is one value chosen on a validation split
 * ({@link #fit}) and then applied to every test image, as the per-class thresholds of weakly supervised
 * localisation are (METHODS.md section 5).
 */
public sealed interface ThresholdRule permits FixedThreshold, PercentileThreshold, OtsuThreshold, BestDiceThreshold {
    /** What {@link #parse} accepts, for messages. */
    String ALLOWED = "otsu, percentile:P (0 < P < 100), fixed:T, best-dice";

    /** The rule as {@link #parse} reads it, e.g. {@code percentile:99}. */
    String spec();

    /**
     * The threshold of one map.
     *
     * @param regionValues the processed map's values inside its region (any order, not modified)
     */
    double threshold(float[] regionValues);

    /** True for a rule that must be {@link #fit fitted} on validation maps before it can threshold. */
    default boolean needsFitting() {
        return false;
    }

    /** The rule to apply to test maps, chosen on {@code validation} maps; rules that need no fitting return this. */
    default ThresholdRule fit(List<ProcessedMap> validation) {
        return this;
    }

    /**
     * Reads {@code otsu}, {@code percentile:P}, {@code fixed:T} or {@code best-dice} (case-insensitive).
     *
     * @throws IllegalArgumentException naming the rule and what is allowed
     */
    static ThresholdRule parse(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("threshold: empty rule (allowed: " + ALLOWED + ")");
        }
        String s = spec.trim().toLowerCase(Locale.ROOT);
        int colon = s.indexOf(':');
        String kind = colon < 0 ? s : s.substring(0, colon);
        String arg = colon < 0 ? null : s.substring(colon + 1).trim();
        return switch (kind) {
            case "otsu" -> noArgument(spec, arg, new OtsuThreshold());
            case "best-dice" -> noArgument(spec, arg, BestDiceThreshold.unfitted());
            case "percentile" -> new PercentileThreshold(number(spec, arg));
            case "fixed" -> new FixedThreshold(number(spec, arg));
            default -> throw new IllegalArgumentException("threshold: unknown rule '" + spec + "' (allowed: "
                    + ALLOWED + ")");
        };
    }

    private static ThresholdRule noArgument(String spec, String arg, ThresholdRule rule) {
        if (arg != null) {
            throw new IllegalArgumentException("threshold: '" + spec + "' takes no value (allowed: " + ALLOWED + ")");
        }
        return rule;
    }

    private static double number(String spec, String arg) {
        if (arg == null || arg.isEmpty()) {
            throw new IllegalArgumentException("threshold: '" + spec + "' needs a value (allowed: " + ALLOWED + ")");
        }
        try {
            double v = Double.parseDouble(arg);
            if (!Double.isFinite(v)) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("threshold: '" + arg + "' in '" + spec + "' is not a finite number");
        }
    }
}
