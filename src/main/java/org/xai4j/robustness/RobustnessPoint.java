package org.xai4j.robustness;

/**
 * Clean (epsilon 0) or robust performance at one attack strength.
 *
 * @param epsilon  the attack's epsilon as configured (in its {@link EpsilonScale})
 * @param radius   the radius of the ball in input units
 * @param auc      macro ROC AUC on the attacked images
 * @param accuracy accuracy on the attacked images at the clean decision rule: each label's Youden threshold
 *                 chosen on the clean images (top-1 accuracy for multi-class data)
 */
public record RobustnessPoint(double epsilon, double radius, double auc, double accuracy) {
}
