package org.xai4j.dissection;

import java.util.List;

/**
 * Settings of a dissection.
 *
 * @param layers      taps dissected; default {@code [last_conv]}
 * @param topFraction the share of a unit's activations above its threshold, {@code P(a_k > T_k)}; default 0.005
 *                    (Bau et al.; 1% in one published code base)
 * @param minIou      a unit detects its best concept when that IoU is at least this; default 0.04
 * @param batch       images per forward pass; default 16
 * @param compression t-digest compression (higher: more accurate, more memory); default 200
 */
public record DissectionOptions(List<String> layers, Double topFraction, Double minIou, Integer batch,
                                Double compression) {
    public DissectionOptions {
        layers = layers == null || layers.isEmpty() ? List.of("last_conv") : List.copyOf(layers);
        topFraction = topFraction == null ? 0.005 : topFraction;
        minIou = minIou == null ? 0.04 : minIou;
        batch = batch == null ? 16 : batch;
        compression = compression == null ? 200.0 : compression;
        if (!(topFraction > 0 && topFraction < 1)) {
            throw new IllegalArgumentException("--quantile: the top fraction must be in (0, 1), got " + topFraction);
        }
        if (!(minIou >= 0 && minIou <= 1)) {
            throw new IllegalArgumentException("--iou: must be in [0, 1], got " + minIou);
        }
        if (batch < 1) {
            throw new IllegalArgumentException("--batch: must be >= 1, got " + batch);
        }
        if (!(compression >= 20)) {
            throw new IllegalArgumentException("compression: must be >= 20, got " + compression);
        }
    }

    public static DissectionOptions defaults() {
        return new DissectionOptions(null, null, null, null, null);
    }
}
