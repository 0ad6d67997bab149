package org.xai4j.dissection;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.attribution.Bilinear;

/**
 * The second pass: for every unit {@code k} and concept {@code c}, {@code sum |M_k and L_c|} and
 * {@code sum |M_k or L_c|} over the images that contain {@code c}, where {@code M_k} is the unit's map upsampled
 * bilinearly (half-pixel centres) to the mask size and binarised at {@code a > T_k}. Also keeps, per unit, the
 * {@value #TOP} images of highest peak activation (for the report).
 */
final class IouAccumulator {
    static final int TOP = 4;
    private final double[] thresholds;
    private final int[][] topImages;
    private final double[][] topScores;
    private final Map<String, long[]> intersections = new LinkedHashMap<>();
    private final Map<String, long[]> unions = new LinkedHashMap<>();

    IouAccumulator(double[] thresholds) {
        this.thresholds = thresholds.clone();
        topImages = new int[thresholds.length][TOP];
        topScores = new double[thresholds.length][TOP];
        for (int k = 0; k < thresholds.length; k++) {
            java.util.Arrays.fill(topImages[k], -1);
            java.util.Arrays.fill(topScores[k], Double.NEGATIVE_INFINITY);
        }
    }

    /**
     * @param activations N x K x h x w
     * @param concepts    per image: its present concepts' H x W masks
     * @param first       the index of the batch's first image among all images added
     */
    void add(INDArray activations, List<Map<String, boolean[]>> concepts, int height, int width, int first) {
        int n = (int) activations.size(0);
        int units = thresholds.length;
        int h = (int) activations.size(2);
        int w = (int) activations.size(3);
        double[] values = activations.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        double[] map = new double[h * w];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < units; k++) {
                double peak = Double.NEGATIVE_INFINITY;
                for (int p = 0; p < h * w; p++) {
                    peak = Math.max(peak, values[(i * units + k) * h * w + p]);
                }
                keepTop(k, first + i, peak);
            }
            Map<String, boolean[]> present = concepts.get(i);
            if (present.isEmpty()) {
                continue;
            }
            // each concept's pixels as a list: |M and L| counts the unit's mask there, |M or L| = |M| + |L| - |M and L|
            List<String> names = new ArrayList<>(present.keySet());
            int[][] inside = new int[names.size()][];
            for (int c = 0; c < names.size(); c++) {
                intersections.computeIfAbsent(names.get(c), x -> new long[units]);
                unions.computeIfAbsent(names.get(c), x -> new long[units]);
                inside[c] = pixels(present.get(names.get(c)));
            }
            boolean[] on = new boolean[height * width];
            for (int k = 0; k < units; k++) {
                System.arraycopy(values, (i * units + k) * h * w, map, 0, h * w);
                double[] up = h == height && w == width ? map : Bilinear.resize(map, h, w, height, width);
                long unitPixels = 0;
                for (int p = 0; p < on.length; p++) {
                    on[p] = up[p] > thresholds[k];
                    unitPixels += on[p] ? 1 : 0;
                }
                for (int c = 0; c < names.size(); c++) {
                    long inter = 0;
                    for (int p : inside[c]) {
                        inter += on[p] ? 1 : 0;
                    }
                    intersections.get(names.get(c))[k] += inter;
                    unions.get(names.get(c))[k] += unitPixels + inside[c].length - inter;
                }
            }
        }
    }

    private static int[] pixels(boolean[] mask) {
        int count = 0;
        for (boolean b : mask) {
            count += b ? 1 : 0;
        }
        int[] out = new int[count];
        int j = 0;
        for (int p = 0; p < mask.length; p++) {
            if (mask[p]) {
                out[j++] = p;
            }
        }
        return out;
    }

    private void keepTop(int k, int image, double score) {
        int slot = TOP - 1;
        if (!(score > topScores[k][slot])) {
            return;
        }
        while (slot > 0 && score > topScores[k][slot - 1]) {
            topScores[k][slot] = topScores[k][slot - 1];
            topImages[k][slot] = topImages[k][slot - 1];
            slot--;
        }
        topScores[k][slot] = score;
        topImages[k][slot] = image;
    }

    /** The images of unit {@code k}'s highest peak activations, highest first. */
    List<Integer> topImages(int k) {
        List<Integer> out = new ArrayList<>();
        for (int i : topImages[k]) {
            if (i >= 0) {
                out.add(i);
            }
        }
        return out;
    }

    /** The concepts seen, in order of first appearance. */
    List<String> concepts() {
        return new ArrayList<>(intersections.keySet());
    }

    /** IoU of unit {@code k} with concept {@code c} (0 when the union is empty). */
    double iou(int k, String c) {
        long u = unions.get(c)[k];
        return u == 0 ? 0 : (double) intersections.get(c)[k] / u;
    }
}
