package org.xai4j.data;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * What the readers of public data sets share ({@link ChestXray14Source}, {@link CheXpertSource},
 * {@link Ham10000Source}): their CSV files parsed with the header checked, values read with the file, line and
 * column in every error, and images decoded and reduced to the training size.
 */
final class PublicCsv {
    private PublicCsv() {
    }

    /** Something to do per data row; {@code where} is {@code "<file>, line <n>"}. */
    interface RowHandler {
        void row(CSVRecord record, String where);
    }

    /** Reads {@code file} (header first, then one call per row), refusing a header without one of {@code columns}. */
    static void read(Path file, List<String> columns, RowHandler handler) {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser p = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
                     .setAllowMissingColumnNames(true).setIgnoreEmptyLines(true).build().parse(r)) {
            for (String c : columns) {
                if (!p.getHeaderMap().containsKey(c)) {
                    throw new DataException(file + ", line 1: the header has no column '" + c + "' (expected the "
                            + "public header with " + String.join(", ", columns) + ")");
                }
            }
            for (CSVRecord rec : p) {
                handler.row(rec, file + ", line " + (rec.getRecordNumber() + 1));
            }
        } catch (NoSuchFileException e) {
            throw new DataException(file + ": file not found", e);
        } catch (IOException | IllegalStateException | IllegalArgumentException | java.io.UncheckedIOException e) {
            throw new DataException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    /** A finite number in {@code column}. */
    static double number(String where, String column, String value) {
        try {
            double v = Double.parseDouble(value.trim());
            if (Double.isFinite(v)) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new DataException(where + ", column '" + column + "': expected a number, got '" + value + "'");
    }

    /** A positive integer in {@code column}. */
    static int positive(String where, String column, String value) {
        double v = number(where, column, value);
        if (!(v >= 1) || v != Math.rint(v)) {
            throw new DataException(where + ", column '" + column + "': expected a positive integer, got '" + value
                    + "'");
        }
        return (int) v;
    }

    /**
     * The image {@code file} as one grey channel (the first of a colour image) of {@code size x size}, reduced by area
     * averaging; {@code listed} names where the file was listed, for the error of a missing one.
     */
    static float[] grey(Path file, int size, String listed) {
        ImageFiles.Pixels px = decode(file, listed);
        float[] grey = java.util.Arrays.copyOf(px.data(), px.height() * px.width());
        return ImageOps.resizeArea(grey, px.height(), px.width(), size, size);
    }

    /** The image {@code file} with its channels (C x size x size), each reduced by area averaging. */
    static ImageFiles.Pixels resized(Path file, int size, String listed) {
        ImageFiles.Pixels px = decode(file, listed);
        int plane = px.height() * px.width();
        float[] out = new float[px.channels() * size * size];
        for (int c = 0; c < px.channels(); c++) {
            float[] channel = java.util.Arrays.copyOfRange(px.data(), c * plane, (c + 1) * plane);
            System.arraycopy(ImageOps.resizeArea(channel, px.height(), px.width(), size, size), 0, out,
                    c * size * size, size * size);
        }
        return new ImageFiles.Pixels(out, px.channels(), size, size);
    }

    private static ImageFiles.Pixels decode(Path file, String listed) {
        if (!Files.isRegularFile(file)) {
            throw new DataException(file + ": image not found (listed in " + listed + ")");
        }
        try {
            return ImageFiles.read(file);
        } catch (IOException e) {
            throw new DataException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
    }
}
