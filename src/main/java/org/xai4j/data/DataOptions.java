package org.xai4j.data;


/**
 * The {@code data:} section of a config. Every field may be left out; {@code null} means the default.
 *
 * <pre>
 * data:
 *   source: synthetic        # or csv
 *   synthetic: {size: 64, train: 1000, confounder: {type: marker, rate: 0.9}}
 *   manifest: {path: datasets/mine/manifest.csv, labelColumns: [label]}
 *   transforms: {normalisation: none, flipHorizontal: 0.5}
 * </pre>
 *
 * @param source     {@code synthetic} (default), {@code csv} or another name registered with {@link DataSources}
 * @param synthetic  generator settings, used when {@code source: synthetic}
 * @param manifest   manifest settings, used when {@code source: csv}
 * @param transforms normalisation and augmentation (the batch size is {@code train.batchSize})
 */
public record DataOptions(String source, SyntheticOptions synthetic, ManifestOptions manifest,
                          TransformOptions transforms) {
    public DataOptions {
        source = OptionChecks.oneOf("source", OptionChecks.orDefault(source, "synthetic"), DataSources.names());
        synthetic = OptionChecks.orDefault(synthetic, SyntheticOptions.defaults());
        manifest = OptionChecks.orDefault(manifest, ManifestOptions.defaults());
        transforms = OptionChecks.orDefault(transforms, TransformOptions.defaults());
        if (source.equals("csv") && (manifest.path() == null || manifest.path().isBlank())) {
            throw new IllegalArgumentException("manifest.path: required when source is csv");
        }
    }

    public static DataOptions defaults() {
        return new DataOptions(null, null, null, null);
    }
}
