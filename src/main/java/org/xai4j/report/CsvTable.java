package org.xai4j.report;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.xai4j.util.AtomicFiles;

/**
 * A header and rows of cells, written and read as RFC 4180 CSV (Commons CSV). Cells are written with
 * {@link #format(Object)}: null as an empty cell, doubles in full precision ({@code NaN} for NaN).
 *
 * @param header the column names
 * @param rows   the rows, each as long as the header
 */
public record CsvTable(List<String> header, List<List<String>> rows) {
    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setRecordSeparator('\n').build();

    public CsvTable {
        header = List.copyOf(header);
        List<List<String>> copy = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).size() != header.size()) {
                throw new IllegalArgumentException("row " + i + " has " + rows.get(i).size() + " cells, the header "
                        + header.size());
            }
            copy.add(List.copyOf(rows.get(i)));
        }
        rows = List.copyOf(copy);
    }

    /** A table whose cells (any objects, null allowed) are formatted with {@link #format(Object)}. */
    public static CsvTable of(List<String> header, List<? extends List<?>> rows) {
        List<List<String>> cells = new ArrayList<>(rows.size());
        for (List<?> row : rows) {
            List<String> formatted = new ArrayList<>(row.size());
            row.forEach(cell -> formatted.add(format(cell)));
            cells.add(formatted);
        }
        return new CsvTable(header, cells);
    }

    /** Writes {@code header} and {@code rows} to {@code target} atomically. */
    public static void write(Path target, List<String> header, List<? extends List<?>> rows) {
        of(header, rows).write(target);
    }

    /** Writes this table to {@code target} atomically (a crash leaves the previous file intact). */
    public void write(Path target) {
        AtomicFiles.write(target, out -> {
            Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            CSVPrinter printer = new CSVPrinter(writer, FORMAT);
            printer.printRecord(header);
            for (List<String> row : rows) {
                printer.printRecord(row);
            }
            printer.flush();
        });
    }

    /** Reads a CSV file whose first record is the header. */
    public static CsvTable read(Path source) {
        try (Reader reader = Files.newBufferedReader(source, StandardCharsets.UTF_8);
             CSVParser parser = CSVParser.parse(reader, FORMAT)) {
            List<CSVRecord> records = parser.getRecords();
            if (records.isEmpty()) {
                throw new IllegalArgumentException(source + ": empty CSV file, expected a header");
            }
            List<List<String>> rows = new ArrayList<>();
            for (CSVRecord record : records.subList(1, records.size())) {
                rows.add(record.toList());
            }
            return new CsvTable(records.get(0).toList(), rows);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + source + ": " + e.getMessage(), e);
        }
    }

    /** The text of one cell: empty for null, {@link Double#toString} for doubles, else {@code toString()}. */
    public static String format(Object cell) {
        return cell == null ? "" : String.valueOf(cell);
    }
}
