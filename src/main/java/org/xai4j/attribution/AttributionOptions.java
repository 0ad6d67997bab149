package org.xai4j.attribution;

import org.xai4j.model.ModelDescription;

/**
 * Settings of every method the {@link Attributions} registry builds, one record per method (Captum keeps settings in
 * the constructor). {@link #defaults()} gives the documented defaults; the {@code with...} methods return copies.
 *
 * @param ig        Integrated Gradients ({@code ig})
 * @param eg        Expected Gradients ({@code eg})
 * @param noise     the noise tunnel ({@code smoothgrad}, {@code smoothgrad_sq}, {@code vargrad} and the
 *                  {@code <variant>:<method>} wrappers)
 * @param occlusion Occlusion ({@code occlusion})
 * @param tap       the tap of the CAM family ({@code gradcam}, {@code gradcampp}, {@code cam}); default
 *                  {@code last_conv}
 */
public record AttributionOptions(IntegratedGradients.Options ig, ExpectedGradients.Options eg,
                                 NoiseTunnel.Options noise, Occlusion.Options occlusion, String tap) {
    public AttributionOptions {
        if (ig == null || eg == null || noise == null || occlusion == null || tap == null || tap.isBlank()) {
            throw new IllegalArgumentException("attribution options: ig, eg, noise, occlusion and tap must be given");
        }
    }

    public static AttributionOptions defaults() {
        return new AttributionOptions(IntegratedGradients.Options.defaults(), ExpectedGradients.Options.defaults(),
                NoiseTunnel.Options.defaults(), Occlusion.Options.defaults(), ModelDescription.LAST_CONV);
    }

    public AttributionOptions withIg(IntegratedGradients.Options o) {
        return new AttributionOptions(o, eg, noise, occlusion, tap);
    }

    public AttributionOptions withEg(ExpectedGradients.Options o) {
        return new AttributionOptions(ig, o, noise, occlusion, tap);
    }

    public AttributionOptions withNoise(NoiseTunnel.Options o) {
        return new AttributionOptions(ig, eg, o, occlusion, tap);
    }

    public AttributionOptions withOcclusion(Occlusion.Options o) {
        return new AttributionOptions(ig, eg, noise, o, tap);
    }

    public AttributionOptions withTap(String t) {
        return new AttributionOptions(ig, eg, noise, occlusion, t);
    }
}
