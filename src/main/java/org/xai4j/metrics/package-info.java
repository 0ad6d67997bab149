/** Evaluation metrics in plain double-precision Java: ROC/AUC, Youden thresholds, F1, Dice, IoU, pixel AUROC. */
package org.xai4j.metrics;
