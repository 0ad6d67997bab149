package org.xai4j.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A per-epoch (or per-step) metrics log with fixed columns. Each {@link #append} rewrites the whole file
 * atomically, so readers (and a crash) only ever see complete rows; the files are small. A row may leave
 * columns out (empty cells) but may not name unknown ones.
 */
public final class MetricsCsv {
    private final Path file;
    private final List<String> columns;
    private final List<List<String>> rows = new ArrayList<>();

    /** Starts a new log at {@code file} (replacing any previous one) and writes the header. */
    public MetricsCsv(Path file, List<String> columns) {
        this(file, columns, List.of());
    }

    private MetricsCsv(Path file, List<String> columns, List<List<String>> existing) {
        if (columns.isEmpty() || columns.stream().distinct().count() != columns.size()) {
            throw new IllegalArgumentException("columns must be non-empty and distinct, got " + columns);
        }
        this.file = file;
        this.columns = List.copyOf(columns);
        this.rows.addAll(existing);
        flush();
    }

    /**
     * Continues the log at {@code file} when it exists with the same columns (a resumed run), or starts a new
     * one when it does not.
     */
    public static MetricsCsv resume(Path file, List<String> columns) {
        return resume(file, columns, row -> true);
    }

    /** As {@link #resume(Path, List)}, keeping only the existing rows {@code keep} accepts (cells in column order). */
    public static MetricsCsv resume(Path file, List<String> columns, Predicate<List<String>> keep) {
        if (!Files.exists(file)) {
            return new MetricsCsv(file, columns);
        }
        CsvTable old = CsvTable.read(file);
        if (!old.header().equals(columns)) {
            throw new IllegalArgumentException(file + " has columns " + old.header() + ", expected " + columns);
        }
        return new MetricsCsv(file, columns, old.rows().stream().filter(keep).toList());
    }

    /** Adds a row (keys are column names, values formatted by {@link CsvTable#format}) and rewrites the file. */
    public synchronized void append(Map<String, ?> row) {
        for (String key : row.keySet()) {
            if (!columns.contains(key)) {
                throw new IllegalArgumentException("unknown column '" + key + "' (columns: "
                        + String.join(", ", columns) + ")");
            }
        }
        List<String> cells = new ArrayList<>(columns.size());
        for (String column : columns) {
            cells.add(CsvTable.format(row.get(column)));
        }
        rows.add(cells);
        flush();
    }

    /** The file being written. */
    public Path file() {
        return file;
    }

    /** The columns, in file order. */
    public List<String> columns() {
        return columns;
    }

    /** The number of rows written so far. */
    public synchronized int size() {
        return rows.size();
    }

    private void flush() {
        new CsvTable(columns, rows).write(file);
    }
}
