package org.xai4j.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A data set described by a CSV manifest: one row per image, with image path column(s) (PNG/JPEG; grey gives one
 * channel, RGB three; several image columns are stacked as channels), label column(s), and optional id, lesion
 * mask, concept mask ({@code mask_<name>}), boxes and split columns; see {@link ManifestOptions}. Relative paths
 * resolve against the manifest's folder. 8-bit images scale by 1/255, 16-bit ones by 1/65535.
 *
 * <p>The whole file is checked first (columns, labels, split values, boxes, that files exist), then every image is
 * read and checked to share one size; any problem is a {@link DataException} naming the manifest and the line,
 * and nothing is returned. Without a split column, rows are split at random (seeded) by
 * {@link ManifestOptions#splitFractions()}.
 */
public final class CsvManifestSource implements DataSource {
    private final ManifestOptions options;
    private final Path manifest;

    /** A source for the manifest file {@code manifest}. */
    public CsvManifestSource(ManifestOptions options, Path manifest) {
        this.options = options;
        this.manifest = manifest;
    }

    /** Loads the manifest named by {@code options.path()}, resolved against {@code baseDir}. */
    public static SampleSet load(ManifestOptions options, Path baseDir) {
        if (options.path() == null || options.path().isBlank()) {
            throw new IllegalArgumentException("manifest.path: required to read a CSV manifest");
        }
        return new CsvManifestSource(options, baseDir.resolve(options.path()).normalize()).load();
    }

    @Override
    public SampleSet load() {
        ManifestReader reader = new ManifestReader(options, manifest);
        ManifestReader.Parsed parsed = reader.parse();
        List<ManifestRow> rows = parsed.rows();
        Split[] splits = splits(rows);
        List<Sample> samples = new ArrayList<>(rows.size());
        int channels = -1;
        int height = -1;
        int width = -1;
        for (int k = 0; k < rows.size(); k++) {
            ManifestRow row = rows.get(k);
            List<ImageFiles.Pixels> parts = new ArrayList<>();
            int c = 0;
            for (int j = 0; j < row.images().size(); j++) {
                ImageFiles.Pixels px = read(reader, row, "image '" + row.rawImages().get(j) + "'", row.images().get(j));
                if (height < 0) {
                    height = px.height();
                    width = px.width();
                }
                checkSize(reader, row, "image '" + row.rawImages().get(j) + "'", px, height, width);
                parts.add(px);
                c += px.channels();
            }
            if (channels < 0) {
                channels = c;
            } else if (c != channels) {
                throw reader.error(row.line(), "images have " + c + " channels, earlier rows " + channels);
            }
            float[] pixels = new float[c * height * width];
            int offset = 0;
            for (ImageFiles.Pixels px : parts) {
                System.arraycopy(px.data(), 0, pixels, offset, px.data().length);
                offset += px.data().length;
            }
            float[] lesion = row.lesionMask() == null ? null
                    : mask(reader, row, "lesion mask", row.lesionMask(), height, width);
            Map<String, float[]> masks = new LinkedHashMap<>();
            for (Map.Entry<String, Path> e : row.masks().entrySet()) {
                masks.put(e.getKey(), mask(reader, row, "mask '" + e.getKey() + "'", e.getValue(), height, width));
            }
            for (BoundingBox b : row.boxes()) {
                if (b.x1() > width || b.y1() > height || b.x0() < 0 || b.y0() < 0) {
                    throw reader.error(row.line(), "box " + b + " outside the " + width + "x" + height + " image");
                }
            }
            samples.add(new Sample(row.id(), pixels, c, height, width, row.labels(), lesion, masks, row.boxes(),
                    splits[k]));
        }
        return new SampleSet(parsed.labelNames(), parsed.task(), channels, height, width, samples);
    }

    private Split[] splits(List<ManifestRow> rows) {
        Split[] out = new Split[rows.size()];
        if (rows.get(0).split() != null) {
            for (int k = 0; k < rows.size(); k++) {
                out[k] = rows.get(k).split();
            }
            return out;
        }
        List<Integer> order = new ArrayList<>();
        for (int k = 0; k < rows.size(); k++) {
            order.add(k);
        }
        Collections.shuffle(order, new Random(options.seed()));
        long train = Math.round(options.splitFractions().get(0) * rows.size());
        long val = Math.round((options.splitFractions().get(0) + options.splitFractions().get(1)) * rows.size());
        for (int j = 0; j < order.size(); j++) {
            out[order.get(j)] = j < train ? Split.TRAIN : j < val ? Split.VAL : Split.TEST;
        }
        return out;
    }

    private static ImageFiles.Pixels read(ManifestReader reader, ManifestRow row, String what, Path file) {
        try {
            return ImageFiles.read(file);
        } catch (IOException | RuntimeException e) {
            throw reader.error(row.line(), what + " cannot be read (" + file + ": " + e.getMessage() + ")");
        }
    }

    private static void checkSize(ManifestReader reader, ManifestRow row, String what, ImageFiles.Pixels px,
                                  int height, int width) {
        if (px.height() != height || px.width() != width) {
            throw reader.error(row.line(), what + " is " + px.width() + "x" + px.height() + ", expected " + width
                    + "x" + height + " like the first image");
        }
    }

    private static float[] mask(ManifestReader reader, ManifestRow row, String what, Path file, int height,
                                int width) {
        ImageFiles.Pixels px = read(reader, row, what, file);
        checkSize(reader, row, what, px, height, width);
        return java.util.Arrays.copyOf(px.data(), height * width);
    }
}
