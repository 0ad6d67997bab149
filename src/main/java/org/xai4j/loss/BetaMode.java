package org.xai4j.loss;

/**
 * Where the positive-class weight {@code beta_c = #negatives / #positives} of the weighted BCE comes from
 * (METHODS.md section 1).
 */
public enum BetaMode {
    /** Counted in every mini-batch (the default; Khakzar et al. 2019). */
    BATCH,
    /** Counted once over the training set ({@code pos_weight = (N - P_c) / P_c}). */
    DATASET
}
