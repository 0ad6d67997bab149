package org.xai4j.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The NIH ChestX-ray14 data set (Wang et al., CVPR 2017) read from its own files, as they ship:
 * <ul>
 * <li>{@code Data_Entry_2017.csv}: {@code Image Index}, {@code Finding Labels} (findings joined by {@code |};
 * {@code No Finding} for none), {@code Patient ID}, {@code View Position}, {@code OriginalImage[Width},
 * {@code Height]};</li>
 * <li>{@code train_val_list.txt} and {@code test_list.txt}: the official split, one image name a line; the
 * validation images are the train_val images of a seeded {@code valFraction} of its patients, so no patient
 * straddles train and validation;</li>
 * <li>{@code BBox_List_2017.csv} (optional): {@code Image Index}, {@code Finding Label}, {@code Bbox [x},
 * {@code y}, {@code w}, {@code h]} in original-image pixels, rescaled to the training size;</li>
 * <li>{@code images/<Image Index>}: the PNGs (8-bit grey; an alpha or colour channel is reduced to the first),
 * reduced to {@code size x size} by area averaging.</li>
 * </ul>
 * Multi-label over the configured findings. A missing file, a header without an expected column, a finding or a
 * number that cannot be read stops with the file, line and column.
 */
final class ChestXray14Source implements DataSource {
    static final String ENTRIES = "Data_Entry_2017.csv";
    static final String BOXES = "BBox_List_2017.csv";
    static final String TRAIN_VAL = "train_val_list.txt";
    static final String TEST = "test_list.txt";
    static final String IMAGES = "images";
    static final List<String> ENTRY_COLUMNS = List.of("Image Index", "Finding Labels", "Patient ID",
            "View Position", "OriginalImage[Width", "Height]");
    static final List<String> BOX_COLUMNS = List.of("Image Index", "Finding Label", "Bbox [x", "y", "w", "h]");
    private static final String NONE = "No Finding";

    private final ChestXray14Options options;
    private final Path folder;
    private final Path cache;

    /** Reads {@code folder}, caching the decoded images in its {@value DataOptions#CACHE_FOLDER} folder. */
    ChestXray14Source(ChestXray14Options options, Path folder) {
        this(options, folder, folder.resolve(DataOptions.CACHE_FOLDER));
    }

    /** @param cache the {@link ImageCache} folder, or null to hold the images in memory */
    ChestXray14Source(ChestXray14Options options, Path folder, Path cache) {
        this.options = options;
        this.folder = folder;
        this.cache = cache;
    }

    private record Entry(String image, float[] labels, String patient, int width, int height) {
    }

    @Override
    public SampleSet load() {
        Map<String, Entry> entries = entries();
        Map<String, List<BoundingBox>> boxes = Files.isRegularFile(folder.resolve(BOXES)) ? boxes(entries)
                : Map.of();
        List<String> trainVal = list(TRAIN_VAL, entries);
        List<String> test = list(TEST, entries);
        Set<String> valPatients = valPatients(trainVal, entries);
        PendingImages images = new PendingImages();
        int[] counts = new int[Split.values().length];
        for (String image : trainVal) {
            Entry e = entries.get(image);
            Split split = valPatients.contains(e.patient()) ? Split.VAL : Split.TRAIN;
            if (options.limit() == null || counts[split.ordinal()] < options.limit()) {
                counts[split.ordinal()]++;
                add(images, e, split, boxes.getOrDefault(image, List.of()));
            }
        }
        for (String image : test) {
            if (options.limit() == null || counts[Split.TEST.ordinal()] < options.limit()) {
                counts[Split.TEST.ordinal()]++;
                add(images, entries.get(image), Split.TEST, boxes.getOrDefault(image, List.of()));
            }
        }
        int size = options.size();
        List<Sample> samples = images.load(cache, "chestxray14", 1, size,
                (file, listed) -> PublicCsv.grey(file, size, listed));
        return new SampleSet(options.labels(), LabelTask.MULTI_LABEL, 1, options.size(), options.size(), samples);
    }

    private Map<String, Entry> entries() {
        Map<String, Entry> out = new HashMap<>();
        PublicCsv.read(folder.resolve(ENTRIES), ENTRY_COLUMNS, (rec, where) -> {
            String image = rec.get("Image Index").trim();
            float[] labels = new float[options.labels().size()];
            for (String f : rec.get("Finding Labels").split("\\|")) {
                String finding = f.trim();
                if (finding.equals(NONE)) {
                    continue;
                }
                if (!ChestXray14Options.FINDINGS.contains(finding)) {
                    throw new DataException(where + ", column 'Finding Labels': unknown finding '" + finding
                            + "' (expected " + String.join("|", ChestXray14Options.FINDINGS) + " or " + NONE + ")");
                }
                int k = options.labels().indexOf(finding);
                if (k >= 0) {
                    labels[k] = 1;
                }
            }
            out.put(image, new Entry(image, labels, rec.get("Patient ID").trim(),
                    PublicCsv.positive(where, "OriginalImage[Width", rec.get("OriginalImage[Width")),
                    PublicCsv.positive(where, "Height]", rec.get("Height]"))));
        });
        return out;
    }

    private Map<String, List<BoundingBox>> boxes(Map<String, Entry> entries) {
        Map<String, List<BoundingBox>> out = new HashMap<>();
        PublicCsv.read(folder.resolve(BOXES), BOX_COLUMNS, (rec, where) -> {
            String image = rec.get("Image Index").trim();
            Entry e = entries.get(image);
            if (e == null) {
                throw new DataException(where + ", column 'Image Index': '" + image + "' is not in " + ENTRIES);
            }
            String finding = rec.get("Finding Label").trim();
            // the box list spells one finding "Infiltrate"
            finding = finding.equals("Infiltrate") ? "Infiltration" : finding;
            if (!ChestXray14Options.FINDINGS.contains(finding)) {
                throw new DataException(where + ", column 'Finding Label': unknown finding '" + finding + "'");
            }
            int label = options.labels().indexOf(finding);
            if (label < 0) {
                return;
            }
            double sx = (double) options.size() / e.width();
            double sy = (double) options.size() / e.height();
            double x = PublicCsv.number(where, "Bbox [x", rec.get("Bbox [x"));
            double y = PublicCsv.number(where, "y", rec.get("y"));
            double w = PublicCsv.number(where, "w", rec.get("w"));
            double h = PublicCsv.number(where, "h]", rec.get("h]"));
            out.computeIfAbsent(image, k -> new ArrayList<>()).add(new BoundingBox(label,
                    clamp((int) Math.floor(x * sx)), clamp((int) Math.floor(y * sy)),
                    clamp((int) Math.ceil((x + w) * sx)), clamp((int) Math.ceil((y + h) * sy))));
        });
        return out;
    }

    private List<String> list(String name, Map<String, Entry> entries) {
        Path file = folder.resolve(name);
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new DataException(file + ": file not found (the official split list of ChestX-ray14)", e);
        } catch (IOException e) {
            throw new DataException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String image = lines.get(i).trim();
            if (image.isEmpty()) {
                continue;
            }
            if (!entries.containsKey(image)) {
                throw new DataException(file + ", line " + (i + 1) + ": '" + image + "' is not in " + ENTRIES);
            }
            out.add(image);
        }
        return out;
    }

    /** A seeded {@code valFraction} of the train_val patients, drawn per patient. */
    private Set<String> valPatients(List<String> trainVal, Map<String, Entry> entries) {
        Set<String> patients = new LinkedHashSet<>();
        trainVal.forEach(i -> patients.add(entries.get(i).patient()));
        Set<String> val = new LinkedHashSet<>();
        for (String p : patients) {
            if (Seeds.unit(options.seed(), p, 7) < options.valFraction()) {
                val.add(p);
            }
        }
        return val;
    }

    private void add(PendingImages images, Entry e, Split split, List<BoundingBox> boxes) {
        float[] labels = e.labels().clone();
        images.add(folder.resolve(IMAGES).resolve(e.image()), ENTRIES, (pixels, stored) -> new Sample(e.image(),
                pixels, 1, 1, options.size(), options.size(), labels, null, Map.of(), boxes, split, stored));
    }

    private int clamp(int v) {
        return Math.max(0, Math.min(options.size(), v));
    }
}
