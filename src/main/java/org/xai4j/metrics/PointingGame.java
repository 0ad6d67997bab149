package org.xai4j.metrics;

/**
 * The pointing game (Zhang, Bargal, Lin, Brandt, Shen and Sclaroff, "Top-down neural attention by excitation
 * backprop", IJCV 2018): a hit when the map's maximum lies on the finding, allowing a tolerance of {@code tolerance}
 * pixels (the paper uses 15 at 224x224). The maximum is the first in row-major order among ties; a hit needs a mask
 * pixel (binarised at 0.5) within Euclidean distance {@code tolerance} of it. Images without a finding are not
 * scored; the accuracy is hits / scored images.
 */
public final class PointingGame {
    private PointingGame() {
    }

    /**
     * @param map       an H x W score map (row-major), NaN refused
     * @param mask      the finding's H x W mask
     * @param width     W
     * @param tolerance pixels
     * @return true on a hit; throws when the mask is empty (such images are not scored)
     */
    public static boolean hit(float[] map, float[] mask, int width, int tolerance) {
        Inputs.checkSameLength(map, "map", mask, "mask");
        Inputs.checkNotNaN(map, "map");
        if (width < 1 || map.length % width != 0 || tolerance < 0) {
            throw new IllegalArgumentException("pointing game: width " + width + " does not divide " + map.length
                    + " pixels, or tolerance " + tolerance + " < 0");
        }
        if (!hasFinding(mask)) {
            throw new IllegalArgumentException("pointing game: the mask is empty (images without a finding are not "
                    + "scored)");
        }
        int best = 0;
        for (int i = 1; i < map.length; i++) {
            if (map[i] > map[best]) {
                best = i;
            }
        }
        int by = best / width;
        int bx = best % width;
        int height = map.length / width;
        for (int y = Math.max(0, by - tolerance); y <= Math.min(height - 1, by + tolerance); y++) {
            for (int x = Math.max(0, bx - tolerance); x <= Math.min(width - 1, bx + tolerance); x++) {
                long dy = y - by;
                long dx = x - bx;
                if (dx * dx + dy * dy <= (long) tolerance * tolerance && mask[y * width + x] >= MaskOverlap.THRESHOLD) {
                    return true;
                }
            }
        }
        return false;
    }

    /** True when the mask has a foreground pixel. */
    public static boolean hasFinding(float[] mask) {
        for (float m : mask) {
            if (m >= MaskOverlap.THRESHOLD) {
                return true;
            }
        }
        return false;
    }
}
