package org.xai4j.experiments;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.xai4j.util.AtomicFiles;

/** Replaces the text between {@value #START} and {@value #END} in an experiment's README (atomically). */
public final class ReadmeTable {
    public static final String START = "<!-- results:start -->";
    public static final String END = "<!-- results:end -->";

    private ReadmeTable() {
    }

    /**
     * Writes an experiment's table to {@code out/table.md} of the request and, unless it is a quick run, between the
     * markers of the folder's README (when there is one).
     */
    public static void publish(ExperimentRequest request, String table) {
        AtomicFiles.writeString(request.outDir().resolve("table.md"), table);
        Path readme = request.folder().resolve("README.md");
        if (!request.quick() && Files.isRegularFile(readme)) {
            replace(readme, table);
        }
    }

    public static void replace(Path readme, String content) {
        String text;
        try {
            text = Files.readString(readme, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + readme + ": " + e.getMessage(), e);
        }
        int start = text.indexOf(START);
        int end = text.indexOf(END);
        if (start < 0 || end < start) {
            throw new IllegalArgumentException(readme + ": needs the markers " + START + " and " + END
                    + " (in this order) around the results table");
        }
        String updated = text.substring(0, start + START.length()) + "\n" + content.strip() + "\n"
                + text.substring(end);
        AtomicFiles.writeString(readme, updated);
    }
}
