/**
 * Robust evaluation of a trained run ({@code xai4j evaluate --attack}): clean and attacked AUC and accuracy over a
 * list of attack strengths, with the attacks of {@link org.xai4j.adversarial}. A use case on top of the training
 * package (its batching and loss), kept out of {@code adversarial} so that the training loop can depend on the
 * adversarial step without a cycle.
 */
package org.xai4j.robustness;
