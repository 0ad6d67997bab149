package org.xai4j.data;

import java.util.List;

/**
 * The {@code data.chestxray14} section: the NIH ChestX-ray14 data set read from its own files
 * ({@link ChestXray14Source}).
 *
 * <pre>
 * data:
 *   source: chestxray14
 *   chestxray14: {folder: datasets/chestxray14, size: 224, valFraction: 0.1}
 * </pre>
 *
 * @param folder      the download folder (holding {@code Data_Entry_2017.csv}, {@code train_val_list.txt},
 *                    {@code test_list.txt}, optionally {@code BBox_List_2017.csv}, and the PNGs in {@code images/});
 *                    relative paths resolve against the working directory, as a manifest path does; required
 * @param size        side of the square training images the 1024 x 1024 PNGs are reduced to; default 224
 * @param valFraction share of the official train_val patients (not images) held out for validation; default 0.1
 * @param seed        seed of the patient-level validation draw; default 42
 * @param labels      the findings used as labels, in order; default all 14
 * @param limit       read at most this many images per split (first in list order), for quick trials; default all
 */
public record ChestXray14Options(String folder, Integer size, Double valFraction, Long seed, List<String> labels,
                                 Integer limit) {
    /** The 14 findings of {@code Data_Entry_2017.csv}, in the order of the data set's paper (Wang et al. 2017). */
    public static final List<String> FINDINGS = List.of("Atelectasis", "Cardiomegaly", "Effusion", "Infiltration",
            "Mass", "Nodule", "Pneumonia", "Pneumothorax", "Consolidation", "Edema", "Emphysema", "Fibrosis",
            "Pleural_Thickening", "Hernia");

    public ChestXray14Options {
        size = size == null ? 224 : size;
        valFraction = valFraction == null ? 0.1 : valFraction;
        seed = seed == null ? 42L : seed;
        labels = labels == null || labels.isEmpty() ? FINDINGS : List.copyOf(labels);
        if (size < 8 || size > 1024) {
            throw new IllegalArgumentException("size: must be in [8, 1024], got " + size);
        }
        if (!(valFraction >= 0 && valFraction < 1)) {
            throw new IllegalArgumentException("valFraction: must be in [0, 1), got " + valFraction);
        }
        for (String l : labels) {
            if (!FINDINGS.contains(l)) {
                throw new IllegalArgumentException("labels: unknown finding '" + l + "' (allowed: "
                        + String.join(", ", FINDINGS) + ")");
            }
        }
        if (limit != null && limit < 1) {
            throw new IllegalArgumentException("limit: must be >= 1, got " + limit);
        }
    }

    public static ChestXray14Options defaults() {
        return new ChestXray14Options(null, null, null, null, null, null);
    }
}
