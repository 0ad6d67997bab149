package org.xai4j.attribution;

import org.xai4j.model.ModelDescription;

/**
 * Settings of every method the {@link Attributions} registry builds, one record per method (Captum keeps settings in
 * the constructor). {@link #defaults()} gives the documented defaults; the {@code with...} methods return copies.
 *
 * @param ig  Integrated Gradients ({@code ig})
 * @param eg  Expected Gradients ({@code eg})
 * @param tap the tap of the CAM family ({@code gradcam}, {@code gradcampp}, {@code cam}); default {@code last_conv}
 */
public record AttributionOptions(IntegratedGradients.Options ig, ExpectedGradients.Options eg, String tap) {
    public AttributionOptions {
        if (ig == null || eg == null || tap == null || tap.isBlank()) {
            throw new IllegalArgumentException("attribution options: ig, eg and tap must be given");
        }
    }

    public static AttributionOptions defaults() {
        return new AttributionOptions(IntegratedGradients.Options.defaults(), ExpectedGradients.Options.defaults(),
                ModelDescription.LAST_CONV);
    }

    public AttributionOptions withIg(IntegratedGradients.Options o) {
        return new AttributionOptions(o, eg, tap);
    }

    public AttributionOptions withEg(ExpectedGradients.Options o) {
        return new AttributionOptions(ig, o, tap);
    }

    public AttributionOptions withTap(String t) {
        return new AttributionOptions(ig, eg, t);
    }
}
