package org.xai4j.dissection;

import java.util.List;
import java.util.Map;

/**
 * One unit's dissection.
 *
 * @param layer       the tap
 * @param unit        the channel index
 * @param threshold   {@code T_k}
 * @param bestConcept the concept of highest IoU ("" when the data have none)
 * @param bestIou     its IoU
 * @param detector    {@code bestIou >= minIou}
 * @param ious        concept -> IoU, every concept of the data
 * @param topImages   indices (into the probe images) of the unit's highest peak activations, highest first
 */
public record UnitLabel(String layer, int unit, double threshold, String bestConcept, double bestIou,
                        boolean detector, Map<String, Double> ious, List<Integer> topImages) {
    public UnitLabel {
        ious = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(ious));
        topImages = List.copyOf(topImages);
    }
}
