package org.xai4j.segmentation;

import java.util.Locale;

/** How a processed map is scaled before thresholding. */
public enum Normalisation {
    /** Keep the map's own units (e.g. intensities in [0, 1], or attribution values of order 1e-3). */
    NONE,
    /**
     * Divide by the map's largest value inside the region, so every map peaks at 1 and one threshold suits images
     * (and methods) whose attribution scales differ. A map with no positive value is left at 0.
     */
    MAX;

    /** Reads {@code none} or {@code max} (case-insensitive); the message names {@code normalise}. */
    public static Normalisation parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("normalise: unknown '" + s + "' (allowed: none, max)");
        }
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
