package org.xai4j.attribution;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.model.Target;

/**
 * An attribution method (Captum convention): settings live in the constructor, and one call maps a batch of
 * inputs to attribution maps for a target. Implementations run the model in inference mode through the
 * {@link org.xai4j.model.ModelAdapter} (BN-folded twin, DESIGN.md decision 4), never change the model and
 * return owned arrays.
 */
public interface Attribution {
    /** Short name used in configs, CSV columns and figures (e.g. {@code grad}, {@code ixg}, {@code ig}). */
    String name();

    /**
     * @param inputs N x C x H x W
     * @param target what is explained (a logit, per-example classes, a sum of logits)
     * @return N x C x H x W attribution maps (CAM-style methods broadcast their map over the channels)
     */
    INDArray attribute(INDArray inputs, Target target);
}
