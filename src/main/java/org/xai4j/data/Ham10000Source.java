package org.xai4j.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * HAM10000 (Tschandl et al., Scientific Data 2018) read from its own files, as they ship:
 * {@code HAM10000_metadata.csv} ({@code lesion_id}, {@code image_id}, {@code dx} among the 7 diagnoses,
 * {@code dx_type}, {@code age}, {@code sex}, {@code localization}), the JPEGs {@code <image_id>.jpg} in
 * {@code HAM10000_images_part_1/}, {@code HAM10000_images_part_2/} or {@code images/}, and, when present, the lesion
 * masks {@code HAM10000_segmentations_lesion_tschandl/<image_id>_segmentation.png}. Splits are drawn per lesion
 * with a seed, so the images of one lesion never straddle splits. RGB, reduced to the training size by area
 * averaging.
 */
final class Ham10000Source implements DataSource {
    static final String METADATA = "HAM10000_metadata.csv";
    static final List<String> IMAGE_FOLDERS = List.of("HAM10000_images_part_1", "HAM10000_images_part_2", "images");
    static final String MASKS = "HAM10000_segmentations_lesion_tschandl";
    static final List<String> COLUMNS = List.of("lesion_id", "image_id", "dx", "dx_type", "age", "sex",
            "localization");

    private final Ham10000Options options;
    private final Path folder;
    private final Path cache;

    /** Reads {@code folder}, caching the decoded images in its {@value DataOptions#CACHE_FOLDER} folder. */
    Ham10000Source(Ham10000Options options, Path folder) {
        this(options, folder, folder.resolve(DataOptions.CACHE_FOLDER));
    }

    /** @param cache the {@link ImageCache} folder, or null to hold the images in memory */
    Ham10000Source(Ham10000Options options, Path folder, Path cache) {
        this.options = options;
        this.folder = folder;
        this.cache = cache;
    }

    private record Row(String lesion, String image, String dx) {
    }

    @Override
    public SampleSet load() {
        List<Row> rows = new ArrayList<>();
        PublicCsv.read(folder.resolve(METADATA), COLUMNS, (rec, where) -> {
            String dx = rec.get("dx").trim();
            if (!Ham10000Options.DIAGNOSES.contains(dx)) {
                throw new DataException(where + ", column 'dx': unknown diagnosis '" + dx + "' (expected one of "
                        + String.join(", ", Ham10000Options.DIAGNOSES) + ")");
            }
            String lesion = rec.get("lesion_id").trim();
            String image = rec.get("image_id").trim();
            if (lesion.isEmpty() || image.isEmpty()) {
                throw new DataException(where + ": lesion_id and image_id must not be empty");
            }
            rows.add(new Row(lesion, image, dx));
        });
        boolean binary = options.task().equals(Ham10000Options.MELANOMA_VS_NEVUS);
        List<String> labels = binary ? List.of("melanoma") : Ham10000Options.DIAGNOSES;
        int size = options.size();
        PendingImages images = new PendingImages();
        int[] counts = new int[Split.values().length];
        int channels = -1;
        for (Row r : rows) {
            if (binary && !r.dx().equals("mel") && !r.dx().equals("nv")) {
                continue;
            }
            Split split = split(r.lesion());
            if (options.limit() != null && counts[split.ordinal()] >= options.limit()) {
                continue;
            }
            counts[split.ordinal()]++;
            if (channels < 0) {
                // the first image fixes the channels every other must have
                channels = PublicCsv.resized(image(r.image()), size, METADATA).channels();
            }
            float[] y = binary ? new float[] {r.dx().equals("mel") ? 1 : 0} : new float[labels.size()];
            if (!binary) {
                y[labels.indexOf(r.dx())] = 1;
            }
            float[] mask = mask(r.image(), size);
            int c = channels;
            images.add(image(r.image()), METADATA, (pixels, stored) -> new Sample(r.image(), pixels, c, 1, size, size,
                    y, mask, Map.of(), List.of(), split, stored));
        }
        int c = channels;
        List<Sample> samples = images.load(cache, "ham10000", Math.max(1, c), size, (file, listed) -> {
            ImageFiles.Pixels px = PublicCsv.resized(file, size, listed);
            if (px.channels() != c) {
                throw new DataException(file + ": " + px.channels() + " channels, the first image had " + c);
            }
            return px.data();
        });
        if (samples.isEmpty()) {
            throw new DataException(folder.resolve(METADATA) + ": no images for task " + options.task());
        }
        return new SampleSet(labels, binary ? LabelTask.BINARY : LabelTask.MULTI_CLASS, channels, size, size,
                samples);
    }

    /** The lesion's split: a seeded uniform draw per {@code lesion_id}. */
    private Split split(String lesion) {
        double u = Seeds.unit(options.seed(), lesion, 11);
        return u < options.testFraction() ? Split.TEST
                : u < options.testFraction() + options.valFraction() ? Split.VAL : Split.TRAIN;
    }

    private Path image(String id) {
        for (String f : IMAGE_FOLDERS) {
            Path p = folder.resolve(f).resolve(id + ".jpg");
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return folder.resolve(IMAGE_FOLDERS.get(0)).resolve(id + ".jpg"); // reported as not found
    }

    private float[] mask(String id, int size) {
        Path p = folder.resolve(MASKS).resolve(id + "_segmentation.png");
        if (!Files.isRegularFile(p)) {
            return null;
        }
        float[] m = PublicCsv.grey(p, size, MASKS);
        for (int i = 0; i < m.length; i++) {
            m[i] = m[i] >= 0.5f ? 1 : 0;
        }
        return m;
    }
}
