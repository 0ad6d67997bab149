package org.xai4j.bench;

/**
 * Measured cost of one constrained-step variant against the standard step on the same batch.
 *
 * @param attribution      training attribution
 * @param difference       finite-difference scheme
 * @param passes           forward+backward passes of the term (attribution and difference passes, on the sub-batch)
 * @param standardSeconds  median wall time of a standard step (gradient and update)
 * @param constrainedSeconds median wall time of the constrained step
 * @param ratio            median over rounds of (constrained / standard) measured in the same round
 */
public record ConstraintCost(String attribution, String difference, int passes, double standardSeconds,
                             double constrainedSeconds, double ratio) {
}
