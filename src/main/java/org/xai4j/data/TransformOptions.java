package org.xai4j.data;

import java.util.List;

/**
 * Normalisation and augmentation of images (YAML section {@code data.transforms}); see {@link Transforms}. Every
 * field may be left out; {@code null} means the default given here, and the defaults change nothing.
 *
 * @param normalisation  {@code none} (default; pixels are already in [0, 1]), {@code zscore} (per image and
 *                       channel: zero mean, unit standard deviation) or {@code fixed} ({@code (x - mean) / std})
 * @param mean           for {@code fixed}: one value, or one per channel; default {@code [0.0]}
 * @param std            for {@code fixed}: one value, or one per channel, each > 0; default {@code [1.0]}
 * @param flipHorizontal probability of a left-right flip; default 0
 * @param flipVertical   probability of an up-down flip; default 0
 * @param rotation       largest rotation in degrees (uniform in [-rotation, rotation]); default 0
 * @param scaleMin       smallest zoom factor; default 1
 * @param scaleMax       largest zoom factor; default 1
 * @param translation    largest shift in pixels along each axis; default 0
 * @param brightness     largest additive intensity offset (uniform in [-b, b]); default 0
 * @param contrast       largest relative contrast change (factor uniform in [1 - c, 1 + c]); default 0
 */
public record TransformOptions(String normalisation, List<Double> mean, List<Double> std, Double flipHorizontal,
                               Double flipVertical, Double rotation, Double scaleMin, Double scaleMax,
                               Double translation, Double brightness, Double contrast) {
    /** Allowed values of {@code normalisation}. */
    public static final List<String> NORMALISATIONS = List.of("none", "zscore", "fixed");

    public TransformOptions {
        normalisation = OptionChecks.oneOf("normalisation", OptionChecks.orDefault(normalisation, "none"),
                NORMALISATIONS);
        mean = List.copyOf(OptionChecks.orDefault(mean, List.of(0.0)));
        std = List.copyOf(OptionChecks.orDefault(std, List.of(1.0)));
        if (mean.isEmpty()) {
            throw new IllegalArgumentException("mean: must have one value or one per channel");
        }
        if (std.isEmpty() || std.stream().anyMatch(s -> !(s > 0))) {
            throw new IllegalArgumentException("std: must have one value or one per channel, each > 0, got " + std);
        }
        flipHorizontal = OptionChecks.unit("flipHorizontal", OptionChecks.orDefault(flipHorizontal, 0.0));
        flipVertical = OptionChecks.unit("flipVertical", OptionChecks.orDefault(flipVertical, 0.0));
        rotation = OptionChecks.nonNegative("rotation", OptionChecks.orDefault(rotation, 0.0));
        if (rotation > 180) {
            throw new IllegalArgumentException("rotation: must be in [0, 180] degrees, got " + rotation);
        }
        scaleMin = OptionChecks.orDefault(scaleMin, 1.0);
        scaleMax = OptionChecks.orDefault(scaleMax, 1.0);
        if (!(scaleMin > 0)) {
            throw new IllegalArgumentException("scaleMin: must be > 0, got " + scaleMin);
        }
        if (!(scaleMax >= scaleMin)) {
            throw new IllegalArgumentException("scaleMax: must be >= scaleMin (" + scaleMin + "), got " + scaleMax);
        }
        translation = OptionChecks.nonNegative("translation", OptionChecks.orDefault(translation, 0.0));
        brightness = OptionChecks.nonNegative("brightness", OptionChecks.orDefault(brightness, 0.0));
        contrast = OptionChecks.unit("contrast", OptionChecks.orDefault(contrast, 0.0));
    }

    public static TransformOptions defaults() {
        return new TransformOptions(null, null, null, null, null, null, null, null, null, null, null);
    }

    /** True when some augmentation is switched on. */
    public boolean augments() {
        return flipHorizontal > 0 || flipVertical > 0 || rotation > 0 || scaleMin != 1 || scaleMax != 1
                || translation > 0 || brightness > 0 || contrast > 0;
    }

    /** True when some geometric augmentation other than flips is switched on. */
    boolean affine() {
        return rotation > 0 || scaleMin != 1 || scaleMax != 1 || translation > 0;
    }
}
