package org.xai4j.experiments;

import java.util.Map;

/**
 * One row of the attribution-constraint table.
 *
 * @param name       model variant or baseline
 * @param testAuc    AUC on the (confounder-free) test split; NaN for the segmentation baselines
 * @param msDice     inference attribution (or baseline name) -> mean Dice on the MS-like test lesions
 * @param msAuroc    inference attribution -> pooled pixel AUROC on the MS-like test images
 * @param tumorDice  inference attribution -> mean Dice on the tumour test images
 * @param minutes    wall time of training (and, for baselines, fitting) in minutes
 */
public record ConstraintRow(String name, double testAuc, Map<String, Double> msDice, Map<String, Double> msAuroc,
                            Map<String, Double> tumorDice, double minutes) {
    public ConstraintRow {
        msDice = Map.copyOf(msDice);
        msAuroc = Map.copyOf(msAuroc);
        tumorDice = Map.copyOf(tumorDice);
    }
}
