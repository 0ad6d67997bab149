package org.xai4j.segmentation;

/**
 * How anomaly maps become masks ({@link MapProcessing}, then the threshold rule).
 *
 * @param sigma      Gaussian smoothing in pixels after the positive part; 0 = none
 * @param regionMask name of the sample mask the segmentation is restricted to ({@code brain}); when a sample has no
 *                   mask of that name, or the name is null, the whole image is the region; {@code intensity>T}: the
 *                   pixels brighter than T (a brain-mask proxy, {@link MapProcessing#region})
 * @param normalise  scaling before thresholding
 * @param threshold  how the threshold is chosen
 */
public record SegmentationOptions(double sigma, String regionMask, Normalisation normalise, ThresholdRule threshold) {
    /** The region mask used by default. */
    public static final String BRAIN = "brain";
    /** Prefix of the intensity-proxy region {@code intensity>T}. */
    public static final String INTENSITY_REGION = "intensity>";

    public SegmentationOptions {
        if (!(sigma >= 0) || !Double.isFinite(sigma)) {
            throw new IllegalArgumentException("sigma: must be a finite number >= 0, got " + sigma);
        }
        if (normalise == null) {
            throw new IllegalArgumentException("normalise: required (none or max)");
        }
        if (threshold == null) {
            throw new IllegalArgumentException("threshold: required (" + ThresholdRule.ALLOWED + ")");
        }
        if (regionMask != null && regionMask.startsWith(INTENSITY_REGION)) {
            intensityThreshold(regionMask);
        }
    }

    /** T of a region {@code intensity>T}. */
    static double intensityThreshold(String region) {
        try {
            double t = Double.parseDouble(region.substring(INTENSITY_REGION.length()).trim());
            if (Double.isFinite(t)) {
                return t;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("region: '" + region + "' needs a number after 'intensity>', e.g. "
                + "intensity>0.02");
    }

    /** No smoothing, brain mask, maps scaled to peak 1, Otsu threshold. */
    public static SegmentationOptions defaults() {
        return new SegmentationOptions(0, BRAIN, Normalisation.MAX, new OtsuThreshold());
    }

    public SegmentationOptions withThreshold(ThresholdRule rule) {
        return new SegmentationOptions(sigma, regionMask, normalise, rule);
    }

    public SegmentationOptions withSigma(double s) {
        return new SegmentationOptions(s, regionMask, normalise, threshold);
    }

    public SegmentationOptions withRegionMask(String mask) {
        return new SegmentationOptions(sigma, mask, normalise, threshold);
    }

    public SegmentationOptions withNormalise(Normalisation n) {
        return new SegmentationOptions(sigma, regionMask, n, threshold);
    }
}
