package org.xai4j.data;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * {@code xai4j data generate}: loads the configured data set (normally the synthetic generator) and writes
 * it in the CSV-manifest format ({@link ManifestExporter}) plus a preview grid, so anything trained on
 * generated data can be reproduced from files.
 */
public final class DatasetExport {
    public static final String PREVIEW = "preview.png";

    private DatasetExport() {
    }

    /**
     * @param set      what was exported
     * @param manifest options that load the export back ({@code data.source: csv})
     * @param dir      output folder
     */
    public record Summary(SampleSet set, ManifestOptions manifest, Path dir) {
        public String describe() {
            long positives = set.samples().stream().filter(Sample::isPathological).count();
            return String.format(Locale.ROOT, "wrote %d images (%dx%dx%d, %d with findings; %d train, %d val, %d test) "
                            + "to %s%n  manifest: %s%n  preview:  %s%n  train on it with: train --config "
                            + "configs/csv-manifest.yaml --set data.manifest.path=%s", set.samples().size(), set.channels(), set.height(),
                    set.width(), positives, set.split(Split.TRAIN).size(), set.split(Split.VAL).size(),
                    set.split(Split.TEST).size(), dir, manifest.path(), dir.resolve(PREVIEW), manifest.path());
        }
    }

    public static Summary generate(DataOptions options, Path dir) {
        SampleSet set = DataSources.load(options, Path.of("."));
        ManifestOptions manifest = ManifestExporter.export(set, dir);
        List<Sample> preview = set.samples().subList(0, Math.min(16, set.samples().size()));
        PreviewGrid.write(preview, 4, Math.max(1, 128 / set.width()), dir.resolve(PREVIEW));
        return new Summary(set, manifest, dir);
    }
}
