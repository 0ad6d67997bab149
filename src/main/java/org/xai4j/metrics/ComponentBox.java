package org.xai4j.metrics;

import java.util.ArrayDeque;

import org.xai4j.data.BoundingBox;

/**
 * The box of a thresholded map as in class activation mapping's localisation (Zhou et al., CVPR 2016): the tight
 * bounding box of the largest 4-connected component of pixels with value {@code >= threshold} (ties: the component
 * found first in row-major order).
 */
public final class ComponentBox {
    private ComponentBox() {
    }

    /**
     * @return the box (label {@code label}), or null when no pixel reaches the threshold
     */
    public static BoundingBox of(double[] map, int width, double threshold, int label) {
        if (width < 1 || map.length % width != 0) {
            throw new IllegalArgumentException("component box: width " + width + " does not divide " + map.length);
        }
        int height = map.length / width;
        boolean[] seen = new boolean[map.length];
        int bestSize = 0;
        int[] best = null;
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int start = 0; start < map.length; start++) {
            if (seen[start] || !(map[start] >= threshold)) {
                continue;
            }
            int size = 0;
            int[] box = {width, height, -1, -1};
            seen[start] = true;
            queue.add(start);
            while (!queue.isEmpty()) {
                int p = queue.poll();
                size++;
                int y = p / width;
                int x = p % width;
                box[0] = Math.min(box[0], x);
                box[1] = Math.min(box[1], y);
                box[2] = Math.max(box[2], x);
                box[3] = Math.max(box[3], y);
                int[][] nbrs = {{x - 1, y}, {x + 1, y}, {x, y - 1}, {x, y + 1}};
                for (int[] n : nbrs) {
                    if (n[0] < 0 || n[1] < 0 || n[0] >= width || n[1] >= height) {
                        continue;
                    }
                    int q = n[1] * width + n[0];
                    if (!seen[q] && map[q] >= threshold) {
                        seen[q] = true;
                        queue.add(q);
                    }
                }
            }
            if (size > bestSize) {
                bestSize = size;
                best = box;
            }
        }
        return best == null ? null : new BoundingBox(label, best[0], best[1], best[2] + 1, best[3] + 1);
    }
}
