package org.xai4j.data;

import java.nio.file.Path;

/** Entry point from a config's {@code data:} section to a loaded {@link SampleSet}. */
public final class DataSources {
    private DataSources() {
    }

    /** The source {@code options} names; a manifest path resolves against {@code baseDir} (the config's folder). */
    public static DataSource of(DataOptions options, Path baseDir) {
        return switch (options.source()) {
            case "csv" -> new CsvManifestSource(options.manifest(),
                    baseDir.resolve(options.manifest().path()).normalize());
            case "synthetic" -> new SyntheticBrainGenerator(options.synthetic());
            default -> throw new IllegalArgumentException("data.source: unknown '" + options.source() + "' (allowed: "
                    + String.join(", ", DataOptions.SOURCES) + ")");
        };
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
