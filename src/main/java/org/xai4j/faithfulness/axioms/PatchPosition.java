package org.xai4j.faithfulness.axioms;

/**
 * Where a square synthetic patch sits in an image: its top-left pixel and side.
 *
 * @param row  top row
 * @param col  left column
 * @param size side in pixels
 */
public record PatchPosition(int row, int col, int size) {
    public PatchPosition {
        if (row < 0 || col < 0 || size < 1) {
            throw new IllegalArgumentException("patch position: row, col >= 0 and size >= 1, got " + row + ", " + col
                    + ", " + size);
        }
    }

    /** Whether pixel (r, c) lies inside the patch. */
    public boolean contains(int r, int c) {
        return r >= row && r < row + size && c >= col && c < col + size;
    }
}
