package org.xai4j.data;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * First pass over a CSV manifest (Apache Commons CSV): checks every row (column count, labels, split, boxes, that
 * every referenced file exists) without reading any image, so a bad row stops loading before anything else
 * happens. Errors are {@link DataException}s naming the manifest and the line.
 */
final class ManifestReader {
    /** The validated content of a manifest. */
    record Parsed(List<String> labelNames, LabelTask task, List<ManifestRow> rows, List<String> maskNames) {
    }

    private final ManifestOptions options;
    private final Path manifest;
    private final Path folder;
    private final String where;
    private int[] lineStarts;
    private String text;

    ManifestReader(ManifestOptions options, Path manifest) {
        this.options = options;
        this.manifest = manifest;
        this.folder = manifest.toAbsolutePath().getParent();
        this.where = manifest.toString();
    }

    DataException error(int line, String message) {
        return new DataException(where + " line " + line + ": " + message);
    }

    Parsed parse() {
        try {
            text = Files.readString(manifest, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new DataException(where + ": cannot read manifest (" + e.getMessage() + ")", e);
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        lineStarts = lineStarts(text);
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
                .setIgnoreEmptyLines(true).setTrim(true).build();
        List<CSVRecord> records;
        List<String> header;
        try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
            header = parser.getHeaderNames();
            records = parser.getRecords();
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            throw error(1, "malformed CSV (" + e.getMessage() + ")");
        }
        if (header.isEmpty()) {
            throw error(1, "empty manifest (no header)");
        }
        for (String c : options.imageColumns()) {
            require(header, c, "image");
        }
        List<String> labelNames = labelNames(header, records);
        List<String> maskColumns = header.stream().filter(h -> h.startsWith(options.maskPrefix())
                && h.length() > options.maskPrefix().length()).toList();
        List<ManifestRow> rows = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (CSVRecord r : records) {
            int line = line(r);
            if (r.size() != header.size()) {
                throw error(line, "expected " + header.size() + " columns, found " + r.size());
            }
            ManifestRow row = row(r, line, header, labelNames, maskColumns);
            if (!ids.add(row.id())) {
                if (hasId(header, r)) {
                    throw error(line, "duplicate id '" + row.id() + "'");
                }
                row = new ManifestRow(line, row.id() + "@" + line, row.images(), row.labels(), row.lesionMask(),
                        row.masks(), row.boxes(), row.split(), row.rawImages());
                ids.add(row.id());
            }
            rows.add(row);
        }
        if (rows.isEmpty()) {
            throw error(1, "no data rows");
        }
        List<String> maskNames = maskColumns.stream().map(c -> c.substring(options.maskPrefix().length())).toList();
        return new Parsed(labelNames, options.labelTask(), rows, maskNames);
    }

    private List<String> labelNames(List<String> header, List<CSVRecord> records) {
        if (options.classColumn() == null) {
            for (String c : options.labelColumns()) {
                require(header, c, "label");
            }
            return options.labelColumns();
        }
        require(header, options.classColumn(), "class");
        if (!options.classNames().isEmpty()) {
            return options.classNames();
        }
        Set<String> values = new TreeSet<>((a, b) -> isInt(a) && isInt(b)
                ? Long.compare(Long.parseLong(a), Long.parseLong(b)) : a.compareTo(b));
        int col = header.indexOf(options.classColumn());
        for (CSVRecord r : records) {
            if (r.size() > col && !r.get(col).isEmpty()) {
                values.add(r.get(col));
            }
        }
        return List.copyOf(values);
    }

    private ManifestRow row(CSVRecord r, int line, List<String> header, List<String> labelNames,
                            List<String> maskColumns) {
        List<Path> images = new ArrayList<>();
        List<String> raw = new ArrayList<>();
        for (String c : options.imageColumns()) {
            String cell = r.get(c);
            raw.add(cell);
            images.add(file(line, "image", cell, false));
        }
        String id = hasId(header, r) ? r.get(options.idColumn()) : raw.get(0);
        float[] labels = options.classColumn() == null ? labels(r, line) : oneHot(r, line, labelNames);
        Path lesion = header.contains(options.lesionMaskColumn())
                ? file(line, "lesion mask", r.get(options.lesionMaskColumn()), true) : null;
        Map<String, Path> masks = new LinkedHashMap<>();
        for (String c : maskColumns) {
            Path p = file(line, "mask '" + c + "'", r.get(c), true);
            if (p != null) {
                masks.put(c.substring(options.maskPrefix().length()), p);
            }
        }
        List<BoundingBox> boxes = header.contains(options.boxesColumn())
                ? boxes(line, r.get(options.boxesColumn()), labelNames) : List.of();
        Split split = null;
        if (header.contains(options.splitColumn())) {
            try {
                split = Split.parse(r.get(options.splitColumn()));
            } catch (IllegalArgumentException e) {
                throw error(line, e.getMessage());
            }
        }
        return new ManifestRow(line, id, images, labels, lesion, masks, boxes, split, raw);
    }

    private float[] labels(CSVRecord r, int line) {
        List<String> cols = options.labelColumns();
        float[] labels = new float[cols.size()];
        for (int k = 0; k < cols.size(); k++) {
            String cell = r.get(cols.get(k));
            try {
                labels[k] = Float.parseFloat(cell);
            } catch (NumberFormatException e) {
                throw error(line, "label '" + cols.get(k) + "': '" + cell + "' is not a number");
            }
            if (!(labels[k] >= 0 && labels[k] <= 1)) {
                throw error(line, "label '" + cols.get(k) + "': " + cell + " is outside [0, 1]");
            }
            if (labels[k] != 0 && labels[k] != 1 && !options.softLabels()) {
                throw error(line, "label '" + cols.get(k) + "': " + cell + " is neither 0 nor 1 (soft labels are "
                        + "used as training targets only with data.manifest.softLabels: true)");
            }
        }
        if (options.labelTask() == LabelTask.MULTI_CLASS) {
            int ones = 0;
            for (float l : labels) {
                if (l != 0f && l != 1f) {
                    throw error(line, "multi-class labels must be one-hot 0/1, got " + Arrays.toString(labels));
                }
                ones += (int) l;
            }
            if (ones != 1) {
                throw error(line, "multi-class labels must have exactly one 1, got " + Arrays.toString(labels));
            }
        }
        return labels;
    }

    private float[] oneHot(CSVRecord r, int line, List<String> classes) {
        String cell = r.get(options.classColumn());
        int k = classes.indexOf(cell);
        if (k < 0 && isInt(cell) && !options.classNames().isEmpty()) {
            k = Integer.parseInt(cell);
        }
        if (k < 0 || k >= classes.size()) {
            throw error(line, "class '" + options.classColumn() + "': unknown '" + cell + "' (classes: "
                    + String.join(", ", classes) + ")");
        }
        float[] labels = new float[classes.size()];
        labels[k] = 1f;
        return labels;
    }

    private List<BoundingBox> boxes(int line, String cell, List<String> labelNames) {
        List<BoundingBox> boxes = new ArrayList<>();
        if (cell.isBlank()) {
            return boxes;
        }
        for (String part : cell.split(";")) {
            String[] f = part.trim().split("\\s+");
            if (f.length != 5) {
                throw error(line, "box '" + part.trim() + "': expected 'label x0 y0 x1 y1'");
            }
            int label = labelNames.indexOf(f[0]);
            try {
                if (label < 0) {
                    label = Integer.parseInt(f[0]);
                }
                if (label < 0 || label >= labelNames.size()) {
                    throw error(line, "box '" + part.trim() + "': label " + f[0] + " out of range");
                }
                boxes.add(new BoundingBox(label, Integer.parseInt(f[1]), Integer.parseInt(f[2]),
                        Integer.parseInt(f[3]), Integer.parseInt(f[4])));
            } catch (NumberFormatException e) {
                throw error(line, "box '" + part.trim() + "': not a label and four integers");
            } catch (IllegalArgumentException e) {
                throw error(line, "box '" + part.trim() + "': " + e.getMessage());
            }
        }
        return boxes;
    }

    /** Resolves a path cell against the manifest's folder and checks the file exists. */
    private Path file(int line, String what, String cell, boolean optional) {
        if (cell.isEmpty()) {
            if (optional) {
                return null;
            }
            throw error(line, what + " path is empty");
        }
        Path p = folder.resolve(cell).normalize();
        if (!Files.isRegularFile(p)) {
            throw error(line, what + " '" + cell + "' not found (resolved to " + p + ")");
        }
        return p;
    }

    private void require(List<String> header, String column, String what) {
        if (!header.contains(column)) {
            throw error(1, "no " + what + " column '" + column + "' (columns: " + String.join(", ", header) + ")");
        }
    }

    /** 1-based line where {@code r} starts (its character position may point at blank lines skipped before it). */
    private int line(CSVRecord r) {
        int at = (int) r.getCharacterPosition();
        while (at < text.length() && (text.charAt(at) == '\n' || text.charAt(at) == '\r')) {
            at++;
        }
        int pos = Arrays.binarySearch(lineStarts, at);
        return (pos >= 0 ? pos : -pos - 2) + 1;
    }

    private static int[] lineStarts(String text) {
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                starts.add(i + 1);
            }
        }
        return starts.stream().mapToInt(Integer::intValue).toArray();
    }

    private static boolean isInt(String s) {
        return s.matches("-?\\d{1,9}");
    }

    private boolean hasId(List<String> header, CSVRecord r) {
        return header.contains(options.idColumn()) && !r.get(options.idColumn()).isEmpty();
    }
}
