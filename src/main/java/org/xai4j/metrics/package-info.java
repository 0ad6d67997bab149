/**
 * Evaluation metrics in plain double-precision Java: ROC/AUC, Youden thresholds, F1, Dice, IoU, pixel AUROC, and the
 * attribution-map metrics that need no model (mass in mask, pointing game, effective heat ratio, weakly supervised
 * localisation, SSIM, Spearman rank correlation).
 */
package org.xai4j.metrics;
