package org.xai4j.dissection;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xai4j.data.BoundingBox;
import org.xai4j.data.Sample;

/**
 * The concept masks of one image: every named mask it has (the generator's brain, grey matter, white matter,
 * ventricles, skull and each finding; a manifest's {@code mask_<name>} columns) and its boxes rasterised as
 * {@code box:<label>} masks. A concept is present in an image when its mask holds a pixel above 0.5.
 */
final class Concepts {
    private Concepts() {
    }

    /** Concept name -> H x W mask (1 inside), only the concepts present in {@code s}. */
    static Map<String, boolean[]> present(Sample s, List<String> labelNames) {
        Map<String, boolean[]> out = new LinkedHashMap<>();
        s.masks().forEach((name, mask) -> {
            boolean[] m = binary(mask);
            if (m != null) {
                out.put(name, m);
            }
        });
        for (BoundingBox b : s.boxes()) {
            String name = "box:" + (b.label() >= 0 && b.label() < labelNames.size() ? labelNames.get(b.label())
                    : String.valueOf(b.label()));
            boolean[] m = out.computeIfAbsent(name, k -> new boolean[s.height() * s.width()]);
            for (int y = Math.max(0, b.y0()); y < Math.min(s.height(), b.y1()); y++) {
                for (int x = Math.max(0, b.x0()); x < Math.min(s.width(), b.x1()); x++) {
                    m[y * s.width() + x] = true;
                }
            }
        }
        return out;
    }

    private static boolean[] binary(float[] mask) {
        boolean[] m = new boolean[mask.length];
        boolean any = false;
        for (int i = 0; i < mask.length; i++) {
            m[i] = mask[i] > 0.5f;
            any |= m[i];
        }
        return any ? m : null;
    }
}
