package org.xai4j.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * CheXpert (Irvin et al., AAAI 2019) read from its own files, as they ship: {@code train.csv} and {@code valid.csv}
 * ({@code Path}, {@code Sex}, {@code Age}, {@code Frontal/Lateral}, {@code AP/PA} and the 14 observations with
 * {@code 1} positive, {@code 0} negative, {@code -1} uncertain, blank not mentioned), the JPEGs at the paths the
 * {@code Path} column gives (relative to the data set folder's parent). {@code valid.csv} is the test split (the
 * official test set is not public); the validation split is a seeded share of the train.csv patients. Uncertain
 * labels follow the U-Zeros, U-Ones or U-Ignore (NaN, masked out of the loss and the metrics) policy, per label; a
 * blank is negative.
 */
final class CheXpertSource implements DataSource {
    static final String TRAIN = "train.csv";
    static final String VALID = "valid.csv";
    static final List<String> COLUMNS;

    static {
        List<String> c = new ArrayList<>(List.of("Path", "Sex", "Age", "Frontal/Lateral", "AP/PA"));
        c.addAll(CheXpertOptions.OBSERVATIONS);
        COLUMNS = List.copyOf(c);
    }

    private final CheXpertOptions options;
    private final Path folder;
    private final Path cache;

    /** Reads {@code folder}, caching the decoded images in its {@value DataOptions#CACHE_FOLDER} folder. */
    CheXpertSource(CheXpertOptions options, Path folder) {
        this(options, folder, folder.resolve(DataOptions.CACHE_FOLDER));
    }

    /** @param cache the {@link ImageCache} folder, or null to hold the images in memory */
    CheXpertSource(CheXpertOptions options, Path folder, Path cache) {
        this.options = options;
        this.folder = folder;
        this.cache = cache;
    }

    @Override
    public SampleSet load() {
        PendingImages images = new PendingImages();
        read(TRAIN, images, true);
        read(VALID, images, false);
        int size = options.size();
        List<Sample> samples = images.load(cache, "chexpert", 1, size,
                (file, listed) -> PublicCsv.grey(file, size, listed));
        return new SampleSet(options.labelNames(), LabelTask.MULTI_LABEL, 1, options.size(), options.size(),
                samples);
    }

    private void read(String name, PendingImages images, boolean train) {
        Path file = folder.resolve(name);
        int[] counts = new int[Split.values().length];
        PublicCsv.read(file, COLUMNS, (rec, where) -> {
            String view = rec.get("Frontal/Lateral").trim();
            if (!view.equals("Frontal") && !view.equals("Lateral")) {
                throw new DataException(where + ", column 'Frontal/Lateral': expected Frontal or Lateral, got '"
                        + view + "'");
            }
            if (options.frontalOnly() && view.equals("Lateral")) {
                return;
            }
            String path = rec.get("Path").trim();
            Split split = train ? (valPatient(patient(where, path)) ? Split.VAL : Split.TRAIN) : Split.TEST;
            if (options.limit() != null && counts[split.ordinal()] >= options.limit()) {
                return;
            }
            counts[split.ordinal()]++;
            float[] y = new float[options.labelNames().size()];
            for (int k = 0; k < y.length; k++) {
                String label = options.labelNames().get(k);
                y[k] = value(where, label, rec.get(label), options.policy(label));
            }
            images.add(image(path), file.toString(), (pixels, stored) -> new Sample(path, pixels, 1, 1, options.size(), options.size(), y,
                    null, Map.of(), List.of(), split, stored));
        });
    }

    /** 1 positive, 0 negative or blank, -1 uncertain by {@code policy}. */
    private static float value(String where, String column, String raw, String policy) {
        String v = raw.trim();
        if (v.isEmpty()) {
            return 0;
        }
        double d = PublicCsv.number(where, column, v);
        if (d == 1) {
            return 1;
        }
        if (d == 0) {
            return 0;
        }
        if (d == -1) {
            return switch (policy) {
                case "ones" -> 1;
                case "ignore" -> Float.NaN;
                default -> 0;
            };
        }
        throw new DataException(where + ", column '" + column + "': expected 1, 0, -1 or blank, got '" + raw + "'");
    }

    /** The patient folder of a path such as {@code CheXpert-v1.0-small/train/patient00001/study1/view1_frontal.jpg}. */
    private static String patient(String where, String path) {
        for (String part : path.split("/")) {
            if (part.startsWith("patient")) {
                return part;
            }
        }
        throw new DataException(where + ", column 'Path': no patient folder in '" + path + "'");
    }

    private boolean valPatient(String patient) {
        return Seeds.unit(options.seed(), patient, 13) < options.valFraction();
    }

    /** The image of a {@code Path} value: against the folder's parent (as downloaded), else inside the folder. */
    private Path image(String path) {
        Path parent = folder.getParent() == null ? folder : folder.getParent();
        Path asShipped = parent.resolve(path);
        if (Files.isRegularFile(asShipped)) {
            return asShipped;
        }
        int slash = path.indexOf('/');
        Path inside = slash > 0 ? folder.resolve(path.substring(slash + 1)) : folder.resolve(path);
        return Files.isRegularFile(inside) ? inside : asShipped;
    }
}
