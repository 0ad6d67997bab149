package org.xai4j.attribution;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.model.ModelAdapter;
import org.xai4j.model.TapResult;

/**
 * Grad-CAM (Selvaraju et al., "Grad-CAM: visual explanations from deep networks via gradient-based localization",
 * ICCV 2017): channel weights {@code alpha_k = mean_ij dT/dA^k_ij}, map {@code relu(sum_k alpha_k A^k)} upsampled to
 * the input size.
 */
public final class GradCam extends ClassActivationMap {
    public GradCam(ModelAdapter adapter, String tap) {
        super(adapter, tap);
    }

    @Override
    public String name() {
        return "gradcam";
    }

    @Override
    protected INDArray channelWeights(TapResult tap, INDArray outputGradient) {
        return tap.gradient().mean(2, 3);
    }
}
