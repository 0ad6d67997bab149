package org.xai4j.data;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Entry point from a config's {@code data:} section to a loaded {@link SampleSet}, and the open registry of data
 * sources by name ({@code data.source}). Adding a source is one class implementing {@link DataSource} and one
 * {@link #register} line; an unknown name is an error listing the registered ones (checked when the config loads).
 */
public final class DataSources {
    /** Makes a source from the {@code data:} section and the folder the config's relative paths resolve against. */
    @FunctionalInterface
    public interface Factory {
        DataSource create(DataOptions options, Path baseDir);
    }

    private static final Map<String, Factory> FACTORIES = new LinkedHashMap<>();

    static {
        register("synthetic", (o, base) -> new SyntheticBrainGenerator(o.synthetic()));
        register("csv", (o, base) -> new CsvManifestSource(o.manifest(), base.resolve(o.manifest().path()).normalize()));
        register("chestxray14", (o, base) -> {
            Path folder = base.resolve(o.chestxray14().folder()).normalize();
            return new ChestXray14Source(o.chestxray14(), folder, o.cacheFolder(base, folder));
        });
        register("ham10000", (o, base) -> {
            Path folder = base.resolve(o.ham10000().folder()).normalize();
            return new Ham10000Source(o.ham10000(), folder, o.cacheFolder(base, folder));
        });
        register("chexpert", (o, base) -> {
            Path folder = base.resolve(o.chexpert().folder()).normalize();
            return new CheXpertSource(o.chexpert(), folder, o.cacheFolder(base, folder));
        });
    }

    private DataSources() {
    }

    /** Registers (or replaces) the source {@code name} (lower case, as written in {@code data.source}). */
    public static synchronized void register(String name, Factory factory) {
        if (name == null || !name.matches("[a-z0-9][a-z0-9_-]*")) {
            throw new IllegalArgumentException("data source names use lower-case letters, digits, '_' and '-', got "
                    + name);
        }
        FACTORIES.put(name, factory);
    }

    /** The registered names, in registration order. */
    public static synchronized List<String> names() {
        return List.copyOf(FACTORIES.keySet());
    }

    /** The source {@code options} names; a manifest path resolves against {@code baseDir} (the config's folder). */
    public static DataSource of(DataOptions options, Path baseDir) {
        Factory f;
        synchronized (DataSources.class) {
            f = FACTORIES.get(options.source());
        }
        if (f == null) {
            throw new IllegalArgumentException("data.source: unknown '" + options.source() + "' (allowed: "
                    + String.join(", ", names()) + ")");
        }
        return f.create(options, baseDir);
    }

    /** Loads (or generates) every sample of the configured source. */
    public static SampleSet load(DataOptions options, Path baseDir) {
        return of(options, baseDir).load();
    }

    /** The configured transforms. */
    public static Transforms transforms(DataOptions options) {
        return new Transforms(options.transforms());
    }
}
