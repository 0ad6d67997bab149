package org.xai4j.data;

import java.util.List;
import java.util.Locale;

/**
 * How to read a CSV manifest of the user's own images (YAML section {@code data.manifest}); see
 * {@link CsvManifestSource}. Every field may be left out; {@code null} means the default given here. Optional
 * columns ({@code id}, lesion mask, concept masks, boxes, split) are used when the header has them.
 *
 * @param path             manifest file, relative to the config's folder; required when {@code source: csv}
 * @param imageColumns     image path column(s); several columns are stacked as channels; default {@code [image]}
 * @param labelColumns     label column(s): one 0/1 column (binary), several 0/1 columns (multi-label) or several
 *                         one-hot columns (multi-class); default {@code [label]}
 * @param task             {@code auto} (default: binary for one label column, multi_label for several,
 *                         multi_class with a class column), {@code binary}, {@code multi_label}, {@code multi_class}
 * @param classColumn      optional column holding a class name or 0-based class index (multi-class); replaces
 *                         {@code labelColumns}
 * @param classNames       class names in label order for {@code classColumn}; default: its distinct values, sorted
 * @param idColumn         sample id column; default {@code id} (without it, the first image's path as written,
 *                         made unique with {@code @<line>})
 * @param lesionMaskColumn lesion mask path column; default {@code lesion_mask}
 * @param maskPrefix       prefix of concept mask columns ({@code mask_<name>}); default {@code mask_}
 * @param boxesColumn      boxes column, {@code label x0 y0 x1 y1;label x0 y0 x1 y1} (label: name or index,
 *                         corners inclusive-exclusive); default {@code boxes}
 * @param splitColumn      split column (train / val / test); default {@code split}
 * @param splitFractions   train, val, test fractions of a seeded split when the manifest has no split column;
 *                         default {@code [0.7, 0.1, 0.2]}
 * @param seed             seed of that split; default 42
 * @param softLabels       accept label values strictly between 0 and 1 as soft targets (default false: a label
 *                         other than 0 or 1 is an error naming the row, since evaluation counts labels as 0/1)
 */
public record ManifestOptions(String path, List<String> imageColumns, List<String> labelColumns, String task,
                              String classColumn, List<String> classNames, String idColumn, String lesionMaskColumn,
                              String maskPrefix, String boxesColumn, String splitColumn, List<Double> splitFractions,
                              Long seed, Boolean softLabels) {
    /** Allowed values of {@code task}. */
    public static final List<String> TASKS = List.of("auto", "binary", "multi_label", "multi_class");

    public ManifestOptions {
        imageColumns = nonEmpty("imageColumns", OptionChecks.orDefault(imageColumns, List.of("image")));
        labelColumns = nonEmpty("labelColumns", OptionChecks.orDefault(labelColumns, List.of("label")));
        task = OptionChecks.oneOf("task", OptionChecks.orDefault(task, "auto"), TASKS);
        classNames = List.copyOf(OptionChecks.orDefault(classNames, List.of()));
        idColumn = OptionChecks.orDefault(idColumn, "id");
        lesionMaskColumn = OptionChecks.orDefault(lesionMaskColumn, "lesion_mask");
        maskPrefix = OptionChecks.orDefault(maskPrefix, "mask_");
        if (maskPrefix.isEmpty()) {
            throw new IllegalArgumentException("maskPrefix: must not be empty");
        }
        boxesColumn = OptionChecks.orDefault(boxesColumn, "boxes");
        splitColumn = OptionChecks.orDefault(splitColumn, "split");
        splitFractions = List.copyOf(OptionChecks.orDefault(splitFractions, List.of(0.7, 0.1, 0.2)));
        if (splitFractions.size() != 3 || splitFractions.stream().anyMatch(f -> f == null || !(f >= 0))
                || Math.abs(splitFractions.stream().mapToDouble(Double::doubleValue).sum() - 1) > 1e-6) {
            throw new IllegalArgumentException("splitFractions: must be three fractions (train, val, test) >= 0 "
                    + "summing to 1, got " + splitFractions);
        }
        seed = OptionChecks.orDefault(seed, 42L);
        softLabels = OptionChecks.orDefault(softLabels, Boolean.FALSE);
        if (classColumn != null && !(task.equals("auto") || task.equals("multi_class"))) {
            throw new IllegalArgumentException("task: must be auto or multi_class with a classColumn, got " + task);
        }
        if (classColumn == null && task.equals("binary") && labelColumns.size() != 1) {
            throw new IllegalArgumentException("labelColumns: binary task needs exactly one column, got "
                    + labelColumns);
        }
        if (classColumn == null && task.equals("multi_class") && labelColumns.size() < 2) {
            throw new IllegalArgumentException("labelColumns: multi_class task needs a classColumn or at least two "
                    + "one-hot columns, got " + labelColumns);
        }
    }

    public static ManifestOptions defaults() {
        return new ManifestOptions(null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    /** A manifest at {@code path} with the given image and label columns, everything else default. */
    public static ManifestOptions of(String path, List<String> imageColumns, List<String> labelColumns, String task) {
        return new ManifestOptions(path, imageColumns, labelColumns, task, null, null, null, null, null, null, null,
                null, null, null);
    }

    /** A copy reading the manifest at {@code newPath}. */
    public ManifestOptions withPath(String newPath) {
        return new ManifestOptions(newPath, imageColumns, labelColumns, task, classColumn, classNames, idColumn,
                lesionMaskColumn, maskPrefix, boxesColumn, splitColumn, splitFractions, seed, softLabels);
    }

    /** The task that {@code task} resolves to. */
    public LabelTask labelTask() {
        if (classColumn != null) {
            return LabelTask.MULTI_CLASS;
        }
        return switch (task) {
            case "binary" -> LabelTask.BINARY;
            case "multi_label" -> LabelTask.MULTI_LABEL;
            case "multi_class" -> LabelTask.MULTI_CLASS;
            default -> labelColumns.size() == 1 ? LabelTask.BINARY : LabelTask.MULTI_LABEL;
        };
    }

    /** The task as written in {@code task}. */
    static String taskName(LabelTask t) {
        return t.name().toLowerCase(Locale.ROOT);
    }

    private static List<String> nonEmpty(String field, List<String> columns) {
        if (columns.isEmpty() || columns.stream().anyMatch(c -> c == null || c.isBlank())) {
            throw new IllegalArgumentException(field + ": must name at least one column, got " + columns);
        }
        return List.copyOf(columns);
    }
}
