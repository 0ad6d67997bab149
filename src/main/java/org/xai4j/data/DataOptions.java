package org.xai4j.data;


/**
 * The {@code data:} section of a config. Every field may be left out; {@code null} means the default.
 *
 * <pre>
 * data:
 *   source: synthetic        # or csv, chestxray14, ham10000, chexpert
 *   synthetic: {size: 64, train: 1000, confounder: {type: marker, rate: 0.9}}
 *   manifest: {path: datasets/mine/manifest.csv, labelColumns: [label]}
 *   transforms: {normalisation: none, flipHorizontal: 0.5}
 * </pre>
 *
 * @param source     {@code synthetic} (default), {@code csv} or another name registered with {@link DataSources}
 * @param synthetic  generator settings, used when {@code source: synthetic}
 * @param manifest   manifest settings, used when {@code source: csv}
 * @param transforms normalisation and augmentation (the batch size is {@code train.batchSize})
 * @param chestxray14 the NIH ChestX-ray14 folder and settings, used when {@code source: chestxray14}
 * @param ham10000   the HAM10000 folder and settings, used when {@code source: ham10000}
 * @param chexpert   the CheXpert folder and settings, used when {@code source: chexpert}
 * @param cache      where the public data sets' readers (ChestX-ray14, CheXpert, HAM10000) keep their images decoded
 *                   to the training size as 8 bits ({@link ImageCache}): {@code auto} (default: an
 *                   {@code xai4j-cache} folder inside the data set's folder), a folder (relative to the config's
 *                   folder), or {@code off} (decode at every load and hold the images in memory as floats)
 * @param prefetch   training batches prepared ahead on a background thread while the model trains (reading,
 *                   augmenting); default 2, 0 turns it off; it changes no value of any batch
 */
public record DataOptions(String source, SyntheticOptions synthetic, ManifestOptions manifest,
                          TransformOptions transforms, ChestXray14Options chestxray14, Ham10000Options ham10000,
                          CheXpertOptions chexpert, String cache, Integer prefetch) {
    /** {@code data.cache}'s default. */
    public static final String CACHE_AUTO = "auto";
    /** {@code data.cache} that holds the images in memory. */
    public static final String CACHE_OFF = "off";
    /** The folder {@code auto} uses inside a data set's folder. */
    public static final String CACHE_FOLDER = "xai4j-cache";

    public DataOptions {
        cache = OptionChecks.orDefault(cache, CACHE_AUTO);
        if (cache.isBlank()) {
            throw new IllegalArgumentException("cache: auto, off or a folder, got an empty value");
        }
        prefetch = OptionChecks.atLeast("prefetch", OptionChecks.orDefault(prefetch, 2), 0);
        if (prefetch > 64) {
            throw new IllegalArgumentException("prefetch: at most 64 batches, got " + prefetch);
        }
        source = OptionChecks.oneOf("source", OptionChecks.orDefault(source, "synthetic"), DataSources.names());
        synthetic = OptionChecks.orDefault(synthetic, SyntheticOptions.defaults());
        manifest = OptionChecks.orDefault(manifest, ManifestOptions.defaults());
        transforms = OptionChecks.orDefault(transforms, TransformOptions.defaults());
        chestxray14 = OptionChecks.orDefault(chestxray14, ChestXray14Options.defaults());
        ham10000 = OptionChecks.orDefault(ham10000, Ham10000Options.defaults());
        chexpert = OptionChecks.orDefault(chexpert, CheXpertOptions.defaults());
        if (source.equals("chexpert") && (chexpert.folder() == null || chexpert.folder().isBlank())) {
            throw new IllegalArgumentException("chexpert.folder: required when source is chexpert");
        }
        if (source.equals("chestxray14") && (chestxray14.folder() == null || chestxray14.folder().isBlank())) {
            throw new IllegalArgumentException("chestxray14.folder: required when source is chestxray14");
        }
        if (source.equals("ham10000") && (ham10000.folder() == null || ham10000.folder().isBlank())) {
            throw new IllegalArgumentException("ham10000.folder: required when source is ham10000");
        }
        if (source.equals("csv") && (manifest.path() == null || manifest.path().isBlank())) {
            throw new IllegalArgumentException("manifest.path: required when source is csv");
        }
    }

    public static DataOptions defaults() {
        return new DataOptions(null, null, null, null, null, null, null, null, null);
    }

    /** The same options without the two loading settings (tests and callers that only name a source). */
    public DataOptions(String source, SyntheticOptions synthetic, ManifestOptions manifest, TransformOptions transforms,
                       ChestXray14Options chestxray14, Ham10000Options ham10000, CheXpertOptions chexpert) {
        this(source, synthetic, manifest, transforms, chestxray14, ham10000, chexpert, null, null);
    }

    /**
     * The image cache folder of a reader whose data set lives in {@code dataFolder}, or null for {@code off};
     * a configured folder resolves against {@code baseDir}.
     */
    public java.nio.file.Path cacheFolder(java.nio.file.Path baseDir, java.nio.file.Path dataFolder) {
        return switch (cache) {
            case CACHE_OFF -> null;
            case CACHE_AUTO -> dataFolder.resolve(CACHE_FOLDER);
            default -> baseDir.resolve(cache).normalize();
        };
    }
}
