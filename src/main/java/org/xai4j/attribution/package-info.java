/**
 * Post-hoc attribution methods (Captum conventions): every method answers {@code attribute(inputs, target)},
 * runs the model in inference mode through the {@link org.xai4j.model.ModelAdapter} (BN-folded twin), never changes
 * the model and returns owned arrays. {@link org.xai4j.attribution.Attributions} is the registry by name; the CAM
 * family shares the template {@link org.xai4j.attribution.ClassActivationMap} (pytorch-grad-cam's convention).
 * See docs/attribution.md.
 */
package org.xai4j.attribution;
