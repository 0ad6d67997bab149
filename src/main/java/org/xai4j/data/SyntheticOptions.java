package org.xai4j.data;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Settings of the {@link SyntheticBrainGenerator} (YAML section {@code data.synthetic}). Every field may be left
 * out; {@code null} means the default given here.
 *
 * @param seed          base seed; each sample has its own RNG seeded from (seed, split, index); default 42
 * @param size          image height and width in pixels, 32..512 (64 default; 128 and 256 are typical)
 * @param channels      1 (FLAIR-like, default) or 2 (FLAIR-like + T1-like)
 * @param train         number of TRAIN samples; default 1000
 * @param val           number of VAL samples; default 200
 * @param test          number of TEST samples; default 400
 * @param pathologies   finding types to generate, from {@code tumor}, {@code ms}, {@code haemorrhage},
 *                      {@code enlarged_ventricles}, {@code atrophy} (any combination; they co-occur freely in
 *                      multi-label mode); default {@code [tumor, ms]}
 * @param prevalence    probability that an image is pathological (binary mode) or shows a given finding
 *                      (multi-label mode); default 0.5
 * @param prevalences   multi-label mode only: per-finding prevalence, e.g. {@code {tumor: 0.2, atrophy: 0.4}};
 *                      findings not named use {@code prevalence}; each key must be one of {@code pathologies}
 * @param multiLabel    false (default): one label {@code pathological}, each positive image shows one finding type
 *                      drawn uniformly from {@code pathologies}; true: one label per finding type, each present
 *                      independently
 * @param msMinLesions  fewest MS lesions in an MS-positive image; default 1
 * @param msMaxLesions  most MS lesions in an MS-positive image; default 10
 * @param necrosis      probability that a tumour has a necrotic core; default 0.5
 * @param oedema        probability that a tumour has an oedema rim; default 0.7
 * @param noise         base Rician noise level (sigma, per image varied by +-25%); default 0.02
 * @param biasField     largest amplitude of the smooth multiplicative bias field; default 0.1
 * @param deformation   strength of the smooth random anatomical deformation (0 = none); default 1.0
 * @param confounder    optional shortcut confounder; default none
 * @param preset        {@code standard} (default) or {@code hard} (issue 12): MS-like lesions of low contrast that
 *                      overlaps normal-appearing white and grey matter, with partial volume, hypo-intense cores,
 *                      periventricular, juxtacortical and deep placement and sizes down to a few pixels
 *                      ({@link HardMsLesions}), and scanner variation across images (gain, tissue contrasts,
 *                      gamma); it changes the defaults of {@code pathologies} to {@code [ms]}, {@code msMaxLesions}
 *                      to 8, {@code noise} to 0.03, {@code biasField} to 0.35 and {@code deformation} to 1.5 (each
 *                      can still be set). Tumours, when asked for, are drawn as in {@code standard}.
 */
public record SyntheticOptions(Long seed, Integer size, Integer channels, Integer train, Integer val, Integer test,
                               List<String> pathologies, Double prevalence, Map<String, Double> prevalences,
                               Boolean multiLabel,
                               Integer msMinLesions, Integer msMaxLesions, Double necrosis, Double oedema,
                               Double noise, Double biasField, Double deformation, ConfounderOptions confounder,
                               String preset) {
    /** Allowed finding types, in label order. */
    public static final List<String> PATHOLOGIES = List.of("tumor", "ms", "haemorrhage", "enlarged_ventricles",
            "atrophy");
    /** The finding types of the {@code standard} preset when {@code pathologies} is not given. */
    public static final List<String> DEFAULT_PATHOLOGIES = List.of("tumor", "ms");
    /** Allowed presets. */
    public static final List<String> PRESETS = List.of("standard", "hard");

    public SyntheticOptions {
        preset = OptionChecks.oneOf("preset", OptionChecks.orDefault(preset, "standard"), PRESETS);
        boolean hard = preset.equals("hard");
        seed = OptionChecks.orDefault(seed, 42L);
        size = OptionChecks.orDefault(size, 64);
        if (size < 32 || size > 512) {
            throw new IllegalArgumentException("size: must be in [32, 512], got " + size);
        }
        channels = OptionChecks.orDefault(channels, 1);
        if (channels != 1 && channels != 2) {
            throw new IllegalArgumentException("channels: must be 1 or 2, got " + channels);
        }
        train = OptionChecks.atLeast("train", OptionChecks.orDefault(train, 1000), 0);
        val = OptionChecks.atLeast("val", OptionChecks.orDefault(val, 200), 0);
        test = OptionChecks.atLeast("test", OptionChecks.orDefault(test, 400), 0);
        pathologies = OptionChecks.orDefault(pathologies, hard ? List.of("ms") : DEFAULT_PATHOLOGIES);
        if (pathologies.isEmpty()) {
            throw new IllegalArgumentException("pathologies: must name at least one of " + PATHOLOGIES);
        }
        // keep the canonical order so label indices do not depend on how the list was written
        List<String> given = pathologies.stream().map(p -> OptionChecks.oneOf("pathologies", p, PATHOLOGIES)).toList();
        pathologies = PATHOLOGIES.stream().filter(given::contains).toList();
        prevalence = OptionChecks.unit("prevalence", OptionChecks.orDefault(prevalence, 0.5));
        multiLabel = OptionChecks.orDefault(multiLabel, false);
        prevalences = checkPrevalences(prevalences, pathologies, multiLabel);
        msMinLesions = OptionChecks.atLeast("msMinLesions", OptionChecks.orDefault(msMinLesions, 1), 1);
        msMaxLesions = OptionChecks.orDefault(msMaxLesions, hard ? 8 : 10);
        if (msMaxLesions < msMinLesions || msMaxLesions > 30) {
            throw new IllegalArgumentException("msMaxLesions: must be in [msMinLesions=" + msMinLesions
                    + ", 30], got " + msMaxLesions);
        }
        necrosis = OptionChecks.unit("necrosis", OptionChecks.orDefault(necrosis, 0.5));
        oedema = OptionChecks.unit("oedema", OptionChecks.orDefault(oedema, 0.7));
        noise = OptionChecks.nonNegative("noise", OptionChecks.orDefault(noise, hard ? 0.03 : 0.02));
        if (noise > 0.5) {
            throw new IllegalArgumentException("noise: must be in [0, 0.5], got " + noise);
        }
        biasField = OptionChecks.unit("biasField", OptionChecks.orDefault(biasField, hard ? 0.35 : 0.1));
        deformation = OptionChecks.nonNegative("deformation", OptionChecks.orDefault(deformation, hard ? 1.5 : 1.0));
        if (deformation > 3) {
            throw new IllegalArgumentException("deformation: must be in [0, 3], got " + deformation);
        }
        confounder = OptionChecks.orDefault(confounder, ConfounderOptions.defaults());
    }

    public static SyntheticOptions defaults() {
        return new SyntheticOptions(null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null);
    }

    private static Map<String, Double> checkPrevalences(Map<String, Double> given, List<String> pathologies,
                                                        boolean multiLabel) {
        if (given == null || given.isEmpty()) {
            return Map.of();
        }
        if (!multiLabel) {
            throw new IllegalArgumentException("prevalences: per-finding prevalence needs multiLabel: true (binary "
                    + "mode has one: prevalence)");
        }
        Map<String, Double> out = new LinkedHashMap<>();
        for (Map.Entry<String, Double> e : given.entrySet()) {
            if (!pathologies.contains(e.getKey())) {
                throw new IllegalArgumentException("prevalences: unknown finding '" + e.getKey()
                        + "', expected one of pathologies " + pathologies);
            }
            if (e.getValue() == null) {
                throw new IllegalArgumentException("prevalences." + e.getKey() + ": must be a number in [0, 1]");
            }
            out.put(e.getKey(), OptionChecks.unit("prevalences." + e.getKey(), e.getValue()));
        }
        return Map.copyOf(out);
    }

    /** Probability that an image shows {@code finding} (multi-label mode). */
    public double prevalence(String finding) {
        return prevalences.getOrDefault(finding, prevalence);
    }

    /** Whether this is the {@code hard} preset. */
    public boolean hard() {
        return preset.equals("hard");
    }

    /** Number of samples of one split. */
    public int count(Split split) {
        return switch (split) {
            case TRAIN -> train;
            case VAL -> val;
            case TEST -> test;
        };
    }
}
