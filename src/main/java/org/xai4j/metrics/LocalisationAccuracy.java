package org.xai4j.metrics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.xai4j.data.BoundingBox;

/**
 * Weakly supervised localisation accuracy (METHODS.md section 5; Wang et al., ChestX-ray8, CVPR 2017): each map is
 * upsampled to the image (the caller's job), scaled to [0, 255] per image (min-max), thresholded by value, and the
 * box of its largest connected component ({@link ComponentBox}) is compared with the ground-truth boxes of the
 * class; the image is a hit at IoU threshold T when the best {@link BoxIoU} exceeds T. The threshold is chosen per
 * class on a validation part of the annotated images as the candidate with the highest mean IoU (ties: the
 * lowest); {@link #crossValidated} repeats that over k folds (METHODS.md: 20% validation, 5 folds) and averages the
 * accuracies on the held-out parts.
 */
public final class LocalisationAccuracy {
    /** The candidate thresholds 0, 5, ..., 255. */
    public static final double[] CANDIDATES = candidates(5);
    /** IoU thresholds reported by default. */
    public static final double[] IOU_THRESHOLDS = {0.1, 0.25, 0.5, 0.7};

    private LocalisationAccuracy() {
    }

    /**
     * One annotated image of one class.
     *
     * @param map    H x W map (any scale), row-major
     * @param width  W
     * @param boxes  ground-truth boxes of the class (at least one)
     */
    public record Case(float[] map, int width, List<BoundingBox> boxes) {
        public Case {
            if (boxes == null || boxes.isEmpty()) {
                throw new IllegalArgumentException("localisation: an annotated image needs at least one box");
            }
            if (width < 1 || map.length % width != 0) {
                throw new IllegalArgumentException("localisation: width " + width + " does not divide " + map.length);
            }
            Inputs.checkNotNaN(map, "map");
            boxes = List.copyOf(boxes);
        }
    }

    /**
     * @param threshold     the map threshold used (on the 0-255 scale)
     * @param iouThresholds the IoU thresholds T
     * @param accuracy      hit rate at each T
     * @param meanIoU       mean best IoU
     * @param images        images scored
     */
    public record Result(double threshold, double[] iouThresholds, double[] accuracy, double meanIoU, int images) {
    }

    /** The best IoU of the map's box at {@code threshold} (0-255 scale) with the case's boxes; 0 without a box. */
    public static double iou(Case c, double threshold) {
        double[] scaled = scaled(c.map());
        BoundingBox predicted = ComponentBox.of(scaled, c.width(), threshold, c.boxes().get(0).label());
        if (predicted == null) {
            return 0;
        }
        double best = 0;
        for (BoundingBox truth : c.boxes()) {
            best = Math.max(best, BoxIoU.of(predicted, truth));
        }
        return best;
    }

    /** The candidate with the highest mean IoU on {@code validation} (ties: the lowest). */
    public static double chooseThreshold(List<Case> validation, double[] candidates) {
        if (validation.isEmpty() || candidates.length == 0) {
            throw new IllegalArgumentException("localisation: no validation images or no candidate thresholds");
        }
        double best = candidates[0];
        double bestIoU = -1;
        for (double t : candidates) {
            double sum = 0;
            for (Case c : validation) {
                sum += iou(c, t);
            }
            if (sum > bestIoU) {
                bestIoU = sum;
                best = t;
            }
        }
        return best;
    }

    /** Accuracy at each IoU threshold (a hit when IoU {@code >} T) with a fixed map threshold. */
    public static Result evaluate(List<Case> cases, double threshold, double[] iouThresholds) {
        if (cases.isEmpty()) {
            throw new IllegalArgumentException("localisation: no images to evaluate");
        }
        double[] hits = new double[iouThresholds.length];
        double sum = 0;
        for (Case c : cases) {
            double iou = iou(c, threshold);
            sum += iou;
            for (int k = 0; k < iouThresholds.length; k++) {
                hits[k] += iou > iouThresholds[k] ? 1 : 0;
            }
        }
        for (int k = 0; k < hits.length; k++) {
            hits[k] /= cases.size();
        }
        return new Result(threshold, iouThresholds.clone(), hits, sum / cases.size(), cases.size());
    }

    /**
     * k-fold: the cases are shuffled (seeded) into {@code folds} parts; each part in turn chooses the threshold and
     * the other parts are scored with it. Returns the mean accuracies and IoU over the folds, with the mean chosen
     * threshold.
     */
    public static Result crossValidated(List<Case> cases, int folds, long seed, double[] candidates,
                                        double[] iouThresholds) {
        if (folds < 2 || cases.size() < folds) {
            throw new IllegalArgumentException("localisation: " + folds + " folds need at least " + folds
                    + " annotated images, got " + cases.size());
        }
        List<Case> shuffled = new ArrayList<>(cases);
        Collections.shuffle(shuffled, new Random(seed));
        double[] acc = new double[iouThresholds.length];
        double iou = 0;
        double threshold = 0;
        for (int f = 0; f < folds; f++) {
            List<Case> validation = new ArrayList<>();
            List<Case> test = new ArrayList<>();
            for (int i = 0; i < shuffled.size(); i++) {
                (i % folds == f ? validation : test).add(shuffled.get(i));
            }
            double t = chooseThreshold(validation, candidates);
            Result r = evaluate(test, t, iouThresholds);
            for (int k = 0; k < acc.length; k++) {
                acc[k] += r.accuracy()[k] / folds;
            }
            iou += r.meanIoU() / folds;
            threshold += t / folds;
        }
        return new Result(threshold, iouThresholds.clone(), acc, iou, cases.size());
    }

    /** The map scaled to [0, 255] by its min and max (a constant map becomes all 0). */
    static double[] scaled(float[] map) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (float v : map) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        double[] out = new double[map.length];
        if (max > min) {
            for (int i = 0; i < map.length; i++) {
                out[i] = 255 * (map[i] - min) / (max - min);
            }
        }
        return out;
    }

    private static double[] candidates(int step) {
        double[] c = new double[255 / step + 1];
        for (int i = 0; i < c.length; i++) {
            c[i] = i * step;
        }
        return c;
    }
}
