package org.xai4j.experiments;

import java.util.Map;

/**
 * One row of the attribution-constraint table: one model (variant and seed) or one baseline fit.
 *
 * @param name          model variant or baseline
 * @param seed          the run's seed (the top-level {@code seed} of its config)
 * @param testAuc       AUC on the test split; NaN for the segmentation baselines
 * @param msDice        inference attribution (or baseline name) -> mean Dice on the MS-like test lesions
 * @param msAuroc       inference attribution -> pooled pixel AUROC on the MS-like test images
 * @param tumorDice     inference attribution -> mean Dice on the tumour test images (NaN when the data has none)
 * @param minutes       wall time of training (and, for baselines, fitting) in minutes
 * @param epochSeconds  mean wall time of one training epoch in seconds (NaN for baselines): the cost per step,
 *                      relative to the unconstrained model's in the table
 */
public record ConstraintRow(String name, long seed, double testAuc, Map<String, Double> msDice,
                            Map<String, Double> msAuroc, Map<String, Double> tumorDice, double minutes,
                            double epochSeconds) {
    public ConstraintRow {
        msDice = Map.copyOf(msDice);
        msAuroc = Map.copyOf(msAuroc);
        tumorDice = Map.copyOf(tumorDice);
    }
}
