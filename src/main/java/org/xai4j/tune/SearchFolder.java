package org.xai4j.tune;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.xai4j.config.RunConfig;
import org.xai4j.util.AtomicFiles;
import org.xai4j.util.Folders;

/**
 * A search's folder, {@code checkpoints/<tune-name>/}: verbatim copies of the base config ({@value #BASE}), its
 * {@code --set} overrides ({@value #OVERRIDES}, one per line) and the space file ({@value #SPACE}), so that
 * {@code --resume} continues exactly the search that was started; one run folder per trial ({@code trial-NNN/});
 * and the search's outputs ({@code trials.csv}, the plot, {@code best.yaml}).
 *
 * @param dir        the folder
 * @param baseYaml   text of the base config (empty for built-in defaults)
 * @param overrides  the base config's {@code --set} overrides
 * @param spaceYaml  text of the space file
 */
public record SearchFolder(Path dir, String baseYaml, List<String> overrides, String spaceYaml) {
    public static final String BASE = "base.yaml";
    public static final String OVERRIDES = "overrides.txt";
    public static final String SPACE = "space.yaml";

    public SearchFolder {
        overrides = List.copyOf(overrides);
    }

    /**
     * Creates {@code root/name} for a new search and writes the copies; an existing, non-empty folder is an error
     * (continue it with {@code --resume}).
     */
    public static SearchFolder create(Path root, String name, String baseYaml, List<String> overrides,
                                      String spaceYaml) {
        Path dir = root.resolve(RunConfig.requireRunName("--name", name));
        if (!Folders.isAbsentOrEmpty(dir)) {
            throw new IllegalArgumentException("search folder " + dir + " already exists: continue it with --resume "
                    + dir + ", or choose another --name");
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("could not create " + dir + ": " + e.getMessage(), e);
        }
        AtomicFiles.writeString(dir.resolve(BASE), baseYaml);
        AtomicFiles.writeString(dir.resolve(OVERRIDES), overrides.isEmpty() ? "" : String.join("\n", overrides) + "\n");
        AtomicFiles.writeString(dir.resolve(SPACE), spaceYaml);
        return new SearchFolder(dir, baseYaml, overrides, spaceYaml);
    }

    /** The search stored in {@code dir} (for {@code --resume}). */
    public static SearchFolder open(Path dir) {
        for (String f : List.of(BASE, OVERRIDES, SPACE)) {
            if (!Files.isRegularFile(dir.resolve(f))) {
                throw new IllegalArgumentException("--resume " + dir + ": not a search folder (no " + f + "; a "
                        + "search folder is what xai4j tune --name NAME created under the checkpoints folder)");
            }
        }
        List<String> overrides = new ArrayList<>();
        for (String line : read(dir.resolve(OVERRIDES)).split("\n")) {
            if (!line.isBlank()) {
                overrides.add(line);
            }
        }
        return new SearchFolder(dir, read(dir.resolve(BASE)), overrides, read(dir.resolve(SPACE)));
    }

    /**
     * Whether {@code dir} holds the search of this base config file, these overrides and this space file (so that
     * resuming it continues the same search).
     */
    public static boolean holds(Path dir, Path baseConfig, List<String> overrides, Path space) {
        if (!Files.isRegularFile(dir.resolve(SPACE)) || !Files.isRegularFile(dir.resolve(BASE))
                || !Files.isRegularFile(dir.resolve(OVERRIDES)) || !Files.isRegularFile(space)
                || !Files.isRegularFile(baseConfig)) {
            return false;
        }
        SearchFolder stored = open(dir);
        return stored.baseYaml().equals(read(baseConfig)) && stored.overrides().equals(List.copyOf(overrides))
                && stored.spaceYaml().equals(read(space));
    }

    /** How the base config is named in error messages. */
    public String baseSource() {
        return dir.resolve(BASE).toString();
    }

    public String spaceSource() {
        return dir.resolve(SPACE).toString();
    }

    public Path trialDir(int number) {
        return dir.resolve(Trial.folderName(number));
    }

    public Path resolve(String file) {
        return dir.resolve(file);
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file + ": " + e.getMessage(), e);
        }
    }
}
