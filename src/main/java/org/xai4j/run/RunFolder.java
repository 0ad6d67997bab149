package org.xai4j.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import org.xai4j.config.ConfigWriter;
import org.xai4j.config.RunConfig;
import org.xai4j.util.AtomicFiles;
import org.xai4j.util.Folders;

/**
 * One run's folder under {@code checkpoints/}: resolved config, provenance, metrics CSV, DL4J UI statistics,
 * checkpoints and evaluation outputs.
 */
public record RunFolder(Path dir) {
    public static final String CONFIG = "config.yaml";
    public static final String PROVENANCE = "provenance.json";
    public static final String METRICS = "metrics.csv";
    /** The checkpoint of the epoch with the best validation metric. */
    public static final String BEST = "best.ckpt";
    /** The checkpoint of the last completed epoch (the one training resumes from). */
    public static final String LAST = "last.ckpt";

    /**
     * Creates {@code root/<name>} ({@code root/<prefix>-<timestamp>} when name is null). An existing, non-empty
     * folder is never reused: it is an error, unless {@code overwrite}, which deletes it first.
     *
     * @param name a plain folder name ({@link RunConfig#requireRunName}), checked as {@code --name}
     */
    public static RunFolder create(Path root, String name, String prefix, boolean overwrite) {
        String n = name != null ? RunConfig.requireRunName("--name", name)
                : prefix + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path dir = root.resolve(n);
        if (!Folders.isAbsentOrEmpty(dir)) {
            if (!overwrite) {
                String holds = Files.exists(dir.resolve(LAST))
                        ? " and holds a run: continue it with --resume " + dir.resolve(LAST) + ", " : ": ";
                throw new IllegalArgumentException("run folder " + dir + " already exists" + holds
                        + "choose another --name, or replace it with --overwrite");
            }
            Folders.deleteTree(dir);
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("could not create run folder " + dir + ": " + e.getMessage(), e);
        }
        return new RunFolder(dir);
    }

    /** An existing run folder, checked to hold a resolved config. */
    public static RunFolder existing(Path dir) {
        if (!Files.isRegularFile(dir.resolve(CONFIG))) {
            throw new IllegalArgumentException("run folder " + dir + " not found or incomplete (no " + CONFIG + ")");
        }
        return new RunFolder(dir);
    }

    public Path resolve(String file) {
        return dir.resolve(file);
    }

    public void writeConfig(RunConfig config) {
        ConfigWriter.write(config, dir.resolve(CONFIG));
    }

    public void writeProvenance(Provenance provenance) {
        try {
            byte[] json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(provenance);
            AtomicFiles.write(dir.resolve(PROVENANCE), out -> out.write(json));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return dir.toString();
    }
}
