package org.xai4j.data;

/**
 * Axis-aligned box of one finding, in pixel coordinates, corners inclusive-exclusive:
 * {@code x0 <= x < x1}, {@code y0 <= y < y1}.
 *
 * @param label index of the label (finding type) the box belongs to
 */
public record BoundingBox(int label, int x0, int y0, int x1, int y1) {
    public BoundingBox {
        if (x1 < x0 || y1 < y0) {
            throw new IllegalArgumentException("box corners out of order: " + x0 + "," + y0 + "," + x1 + "," + y1);
        }
    }

    public int area() {
        return (x1 - x0) * (y1 - y0);
    }
}
