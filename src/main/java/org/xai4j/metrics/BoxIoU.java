package org.xai4j.metrics;

import org.xai4j.data.BoundingBox;

/** Intersection over union of two axis-aligned boxes (corners inclusive-exclusive, as {@link BoundingBox}). */
public final class BoxIoU {
    private BoxIoU() {
    }

    /** |A ∩ B| / |A ∪ B|; 0 when the union is empty. */
    public static double of(BoundingBox a, BoundingBox b) {
        long iw = Math.max(0, Math.min(a.x1(), b.x1()) - Math.max(a.x0(), b.x0()));
        long ih = Math.max(0, Math.min(a.y1(), b.y1()) - Math.max(a.y0(), b.y0()));
        long inter = iw * ih;
        long union = (long) a.area() + b.area() - inter;
        return union == 0 ? 0 : (double) inter / union;
    }
}
