/**
 * Post-hoc attribution methods (Captum conventions): every method answers {@code attribute(inputs, target)},
 * runs the model in inference mode through the {@link org.xai4j.model.ModelAdapter} and returns owned arrays.
 */
package org.xai4j.attribution;
