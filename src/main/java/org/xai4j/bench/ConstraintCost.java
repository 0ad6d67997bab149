package org.xai4j.bench;

/**
 * Measured cost of one constrained-step variant against the standard step on the same batch.
 *
 * @param attribution      training attribution
 * @param difference       how the Hessian-vector product is taken (finite-difference scheme or exact)
 * @param passes           forward+backward passes of the term (attribution and difference passes, on the sub-batch)
 * @param standardSeconds  median wall time of a standard step (gradient and update)
 * @param constrainedSeconds median wall time of the constrained step
 * @param ratio            median over rounds of (constrained / standard) measured in the same round
 * @param relativeError    accuracy of the term's gradient on the bench batch: {@code |g - g_ref| / |g_ref|} with
 *                         {@code g_ref} the exact engine's in a double-precision copy of the model
 */
public record ConstraintCost(String attribution, String difference, int passes, double standardSeconds,
                             double constrainedSeconds, double ratio, double relativeError) {
}
