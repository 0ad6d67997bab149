package org.xai4j.data;

import java.util.List;

/**
 * A shortcut ("Clever Hans") confounder planted by the synthetic generator, after the shortcut-learning setting of
 * Geirhos et al. 2020 and the scanner/hospital confounders of Zech et al. 2018 (PLoS Med.).
 *
 * <p>In TRAIN and VAL the confounder is present with probability {@code rate} in pathological images and
 * {@code 1 - rate} in healthy ones (so {@code rate = 0.5} means no correlation and {@code 1.0} a perfect shortcut);
 * in TEST it is present with probability 0.5, independent of the label.
 *
 * @param type {@code none} (default), {@code intensity} (scanner-like global gain 1.2 and offset +0.05),
 *             {@code noise} (noise level x3) or {@code marker} (small bright square in the top-left corner)
 * @param rate probability that the confounder agrees with the label in train/val, in [0, 1]; default 0.9
 */
public record ConfounderOptions(String type, Double rate) {
    /** Allowed values of {@code type}. */
    public static final List<String> TYPES = List.of("none", "intensity", "noise", "marker");

    public ConfounderOptions {
        type = OptionChecks.oneOf("confounder.type", OptionChecks.orDefault(type, "none"), TYPES);
        rate = OptionChecks.unit("confounder.rate", OptionChecks.orDefault(rate, 0.9));
    }

    public static ConfounderOptions defaults() {
        return new ConfounderOptions(null, null);
    }

    /** True unless the type is {@code none}. */
    public boolean enabled() {
        return !"none".equals(type);
    }
}
