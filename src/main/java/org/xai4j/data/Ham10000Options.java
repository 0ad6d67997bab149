package org.xai4j.data;

import java.util.List;

/**
 * The {@code data.ham10000} section: the HAM10000 dermoscopy data set read from its own files
 * ({@link Ham10000Source}).
 *
 * <pre>
 * data:
 *   source: ham10000
 *   ham10000: {folder: datasets/ham10000, size: 224, task: multiclass}
 * </pre>
 *
 * @param folder       the download folder (holding {@code HAM10000_metadata.csv}, the JPEGs in
 *                     {@code HAM10000_images_part_1/}, {@code HAM10000_images_part_2/} or {@code images/}, and
 *                     optionally the lesion masks in {@code HAM10000_segmentations_lesion_tschandl/}); relative
 *                     paths resolve against the working directory; required
 * @param size         side of the square training images (the 600 x 450 JPEGs are reduced without keeping their
 *                     aspect ratio); default 224
 * @param task         {@code multiclass} (the 7 diagnoses, one-hot) or {@code melanoma-vs-nevus} (binary, only the
 *                     {@code mel} and {@code nv} images); default multiclass
 * @param valFraction  share of the lesions ({@code lesion_id}) in the validation split; default 0.15
 * @param testFraction share of the lesions in the test split; default 0.15
 * @param seed         seed of the lesion-level split; default 42
 * @param limit        read at most this many images per split, for quick trials; default all
 */
public record Ham10000Options(String folder, Integer size, String task, Double valFraction, Double testFraction,
                              Long seed, Integer limit) {
    /** The diagnoses of the {@code dx} column, in this (alphabetical) order as classes. */
    public static final List<String> DIAGNOSES = List.of("akiec", "bcc", "bkl", "df", "mel", "nv", "vasc");
    public static final String MULTICLASS = "multiclass";
    public static final String MELANOMA_VS_NEVUS = "melanoma-vs-nevus";

    public Ham10000Options {
        size = size == null ? 224 : size;
        task = OptionChecks.oneOf("task", task == null ? MULTICLASS : task, List.of(MULTICLASS, MELANOMA_VS_NEVUS));
        valFraction = valFraction == null ? 0.15 : valFraction;
        testFraction = testFraction == null ? 0.15 : testFraction;
        seed = seed == null ? 42L : seed;
        if (size < 8 || size > 1024) {
            throw new IllegalArgumentException("size: must be in [8, 1024], got " + size);
        }
        if (!(valFraction >= 0 && testFraction >= 0 && valFraction + testFraction < 1)) {
            throw new IllegalArgumentException("valFraction, testFraction: must be >= 0 with a sum below 1, got "
                    + valFraction + " and " + testFraction);
        }
        if (limit != null && limit < 1) {
            throw new IllegalArgumentException("limit: must be >= 1, got " + limit);
        }
    }

    public static Ham10000Options defaults() {
        return new Ham10000Options(null, null, null, null, null, null, null);
    }
}
