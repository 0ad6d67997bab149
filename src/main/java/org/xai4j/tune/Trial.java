package org.xai4j.tune;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.xai4j.util.AtomicFiles;

/**
 * One finished trial of a search, as {@code trial.json} in its run folder: written once the trial has ended (so a
 * folder without it is a trial a killed search had not finished, which {@code --resume} runs again).
 *
 * @param number     1-based trial number (folder {@code trial-NNN})
 * @param status     how it ended
 * @param objective  the objective of its best checkpoint (NaN unless done; a pruned trial's is its last epoch's)
 * @param terms      the objective's terms
 * @param parameters config key to the value it was trained with, as override text
 * @param seconds    wall time
 * @param epochs     epochs trained
 * @param bestEpoch  epoch of the best checkpoint (0 when none)
 * @param curve      objective after each epoch when pruning is on (what later trials are compared with)
 * @param message    why it failed, diverged or was pruned; empty when done
 */
public record Trial(int number, Status status, double objective, Map<String, Double> terms,
                    Map<String, String> parameters, double seconds, int epochs, int bestEpoch, List<Double> curve,
                    String message) {
    public static final String FILE = "trial.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** How a trial ended. */
    public enum Status {
        @JsonProperty("done") DONE,
        @JsonProperty("pruned") PRUNED,
        @JsonProperty("diverged") DIVERGED,
        @JsonProperty("failed") FAILED;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public Trial {
        terms = terms == null ? Map.of() : new LinkedHashMap<>(terms);
        parameters = parameters == null ? Map.of() : new LinkedHashMap<>(parameters);
        curve = curve == null ? List.of() : List.copyOf(curve);
        message = message == null ? "" : message;
    }

    /** The folder name of trial {@code number}. */
    public static String folderName(int number) {
        return String.format(Locale.ROOT, "trial-%03d", number);
    }

    /** Writes {@code dir/trial.json} atomically. */
    public void write(Path dir) {
        try {
            byte[] bytes = JSON.writeValueAsBytes(this);
            AtomicFiles.write(dir.resolve(FILE), out -> out.write(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + dir.resolve(FILE) + ": " + e.getMessage(), e);
        }
    }

    /** The finished trial recorded in {@code dir}, or null when it has none (never started or not finished). */
    public static Trial read(Path dir) {
        Path file = dir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            return JSON.readValue(file.toFile(), Trial.class);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": unreadable trial record (" + e.getMessage() + "); delete the "
                    + "file to run the trial again", e);
        }
    }
}
