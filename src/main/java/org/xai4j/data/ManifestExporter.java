package org.xai4j.data;

import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.xai4j.util.AtomicFiles;

/**
 * Writes a {@link SampleSet} as PNG files plus a CSV manifest that {@link CsvManifestSource} reads back to the same
 * tensors, bit for bit: one 16-bit grey PNG per image channel ({@code images/<id>.png}, or
 * {@code images/<id>_c<k>.png} with several channels), 8-bit 0/255 PNGs for the lesion and concept masks
 * ({@code masks/<id>_lesion.png}, {@code masks/<id>_<name>.png}), and columns {@code id}, image(s), the labels,
 * {@code split}, {@code lesion_mask}, {@code mask_<name>}, {@code boxes}. Pixels must lie in [0, 1] and are stored
 * exactly when they are 16-bit levels (as the synthetic generator's are); masks are assumed binary. Every file is
 * written atomically.
 */
public final class ManifestExporter {
    /** Name of the manifest file inside the export folder. */
    public static final String MANIFEST = "manifest.csv";

    private ManifestExporter() {
    }

    /** Exports {@code set} into {@code dir}; returns the options that load it back (absolute manifest path). */
    public static ManifestOptions export(SampleSet set, Path dir) {
        int channels = set.channels();
        List<String> imageColumns = new ArrayList<>();
        for (int c = 0; c < channels; c++) {
            imageColumns.add(channels == 1 ? "image" : "image_" + c);
        }
        boolean lesion = set.samples().stream().anyMatch(s -> s.lesionMask() != null);
        Set<String> maskNames = new LinkedHashSet<>();
        set.samples().forEach(s -> maskNames.addAll(s.masks().keySet()));
        List<String> header = new ArrayList<>(List.of("id"));
        header.addAll(imageColumns);
        header.addAll(set.labelNames());
        header.add("split");
        if (lesion) {
            header.add("lesion_mask");
        }
        maskNames.forEach(m -> header.add("mask_" + m));
        header.add("boxes");
        if (new HashSet<>(header).size() != header.size()) {
            throw new IllegalArgumentException("labelNames: " + set.labelNames() + " clash with the manifest's own "
                    + "columns " + header);
        }
        List<List<String>> rows = new ArrayList<>();
        Set<String> stems = new HashSet<>();
        int n = set.height() * set.width();
        for (Sample s : set.samples()) {
            String stem = stem(s.id(), stems);
            List<String> row = new ArrayList<>(List.of(s.id()));
            for (int c = 0; c < channels; c++) {
                String file = "images/" + stem + (channels == 1 ? "" : "_c" + c) + ".png";
                ImageFiles.write16(dir.resolve(file), s.pixels(), c * n, s.height(), s.width());
                row.add(file);
            }
            for (float l : s.labels()) {
                row.add(l == Math.rint(l) ? Integer.toString((int) l) : Float.toString(l));
            }
            row.add(s.split().label());
            if (lesion) {
                row.add(s.lesionMask() == null ? "" : mask(dir, stem + "_lesion", s.lesionMask(), s));
            }
            for (String m : maskNames) {
                float[] mask = s.masks().get(m);
                row.add(mask == null ? "" : mask(dir, stem + "_" + m, mask, s));
            }
            row.add(boxes(s.boxes(), set.labelNames()));
            rows.add(row);
        }
        Path manifest = dir.resolve(MANIFEST);
        AtomicFiles.write(manifest, out -> {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            try (CSVPrinter printer = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setRecordSeparator('\n').build())) {
                printer.printRecord(header);
                for (List<String> row : rows) {
                    printer.printRecord(row);
                }
            }
        });
        String task = ManifestOptions.taskName(set.task());
        return ManifestOptions.of(manifest.toAbsolutePath().toString(), imageColumns, set.labelNames(), task);
    }

    private static String mask(Path dir, String stem, float[] mask, Sample s) {
        String file = "masks/" + stem + ".png";
        ImageFiles.write8(dir.resolve(file), mask, s.height(), s.width());
        return file;
    }

    /** {@code label x0 y0 x1 y1;...}, the label by name when it is a single token, else by index. */
    static String boxes(List<BoundingBox> boxes, List<String> labelNames) {
        List<String> parts = new ArrayList<>();
        for (BoundingBox b : boxes) {
            String name = labelNames.get(b.label());
            String label = name.matches("[^\\s;]+") && !name.matches("-?\\d+") ? name : Integer.toString(b.label());
            parts.add(label + " " + b.x0() + " " + b.y0() + " " + b.x1() + " " + b.y1());
        }
        return String.join(";", parts);
    }

    /** A file-name-safe, unique stem for an id. */
    private static String stem(String id, Set<String> used) {
        String base = id.replaceAll("[^A-Za-z0-9._-]", "_");
        String stem = base;
        for (int k = 2; !used.add(stem); k++) {
            stem = base + "_" + k;
        }
        return stem;
    }
}
