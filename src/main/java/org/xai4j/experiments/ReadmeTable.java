package org.xai4j.experiments;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.xai4j.util.AtomicFiles;

/** Replaces the text between two marker lines of an experiment README with a regenerated table. */
public final class ReadmeTable {
    public static final String BEGIN = "<!-- results:begin -->";
    public static final String END = "<!-- results:end -->";

    private ReadmeTable() {
    }

    /** Writes {@code body} between the markers of {@code readme} (which must contain both, in order). */
    public static void replace(Path readme, String body) {
        String text;
        try {
            text = Files.readString(readme, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + readme, e);
        }
        int b = text.indexOf(BEGIN);
        int e = text.indexOf(END);
        if (b < 0 || e < b) {
            throw new IllegalArgumentException(readme + ": needs the lines " + BEGIN + " and " + END);
        }
        String updated = text.substring(0, b + BEGIN.length()) + "\n" + body.strip() + "\n" + text.substring(e);
        AtomicFiles.writeString(readme, updated);
    }
}
