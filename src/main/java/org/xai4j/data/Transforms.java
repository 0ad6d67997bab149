package org.xai4j.data;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Applies {@link TransformOptions}: augmentation (random flips, a small affine warp, brightness/contrast jitter)
 * and normalisation. Geometric changes apply to the image (bilinear) and identically to the lesion mask, the
 * concept masks (nearest neighbour) and the boxes (the box enclosing the moved corners, clipped to the image);
 * intensity changes touch only the image. Randomness comes only from the {@link Random} passed in, so a seeded
 * caller gets reproducible augmentations. Samples are never modified; new ones are returned.
 */
public final class Transforms {
    private final TransformOptions options;

    public Transforms(TransformOptions options) {
        this.options = options;
    }

    public TransformOptions options() {
        return options;
    }

    /** Augments (when {@code augment} and some augmentation is on), then normalises. */
    public Sample apply(Sample s, Random rng, boolean augment) {
        return normalise(augment && options.augments() ? augment(s, rng) : s);
    }

    /** One random augmentation of {@code s} (an image; volumes are refused). */
    public Sample augment(Sample s, Random rng) {
        requireImage(s, "augmentations");
        Sample out = s;
        if (rng.nextDouble() < options.flipHorizontal()) {
            out = flip(out, true);
        }
        if (rng.nextDouble() < options.flipVertical()) {
            out = flip(out, false);
        }
        if (options.affine()) {
            double angle = Math.toRadians(options.rotation() * (2 * rng.nextDouble() - 1));
            double scale = options.scaleMin() + (options.scaleMax() - options.scaleMin()) * rng.nextDouble();
            double tx = options.translation() * (2 * rng.nextDouble() - 1);
            double ty = options.translation() * (2 * rng.nextDouble() - 1);
            out = affine(out, angle, scale, tx, ty);
        }
        if (options.brightness() > 0 || options.contrast() > 0) {
            double b = options.brightness() * (2 * rng.nextDouble() - 1);
            double c = 1 + options.contrast() * (2 * rng.nextDouble() - 1);
            out = withPixels(out, jitter(out, b, c));
        }
        return out;
    }

    /** Normalises the pixels of {@code s} as configured ({@code none} returns {@code s} itself). */
    public Sample normalise(Sample s) {
        if (options.normalisation().equals("none")) {
            return s;
        }
        requireImage(s, "normalisation " + options.normalisation());
        int n = s.height() * s.width();
        float[] px = s.pixels().clone();
        switch (options.normalisation()) {
            case "none" -> {
                return s;
            }
            case "zscore" -> {
                for (int c = 0; c < s.channels(); c++) {
                    double sum = 0;
                    double sq = 0;
                    for (int i = c * n; i < (c + 1) * n; i++) {
                        sum += px[i];
                        sq += (double) px[i] * px[i];
                    }
                    double mean = sum / n;
                    double sd = Math.max(1e-6, Math.sqrt(Math.max(0, sq / n - mean * mean)));
                    for (int i = c * n; i < (c + 1) * n; i++) {
                        px[i] = (float) ((px[i] - mean) / sd);
                    }
                }
            }
            default -> {
                for (int c = 0; c < s.channels(); c++) {
                    double mean = perChannel("mean", options.mean(), c, s.channels());
                    double sd = perChannel("std", options.std(), c, s.channels());
                    for (int i = c * n; i < (c + 1) * n; i++) {
                        px[i] = (float) ((px[i] - mean) / sd);
                    }
                }
            }
        }
        return withPixels(s, px);
    }

    /** Flips the image, its masks and boxes left-right ({@code horizontal}) or up-down. */
    public static Sample flip(Sample s, boolean horizontal) {
        int h = s.height();
        int w = s.width();
        Geometry g = (data, channels, nearest) -> horizontal ? ImageOps.flipHorizontal(data, channels, h, w)
                : ImageOps.flipVertical(data, channels, h, w);
        List<BoundingBox> boxes = new ArrayList<>();
        for (BoundingBox b : s.boxes()) {
            boxes.add(horizontal ? new BoundingBox(b.label(), w - b.x1(), b.y0(), w - b.x0(), b.y1())
                    : new BoundingBox(b.label(), b.x0(), h - b.y1(), b.x1(), h - b.y0()));
        }
        return warp(s, g, boxes);
    }

    /**
     * Rotates by {@code angle} radians about the image centre, scales by {@code scale} and shifts by
     * ({@code tx}, {@code ty}) pixels; image bilinear, masks nearest neighbour, zero outside.
     */
    public static Sample affine(Sample s, double angle, double scale, double tx, double ty) {
        int h = s.height();
        int w = s.width();
        Geometry g = (data, channels, nearest) -> ImageOps.affine(data, channels, h, w, angle, scale, tx, ty, nearest);
        List<BoundingBox> boxes = new ArrayList<>();
        for (BoundingBox b : s.boxes()) {
            double x0 = Double.MAX_VALUE;
            double y0 = Double.MAX_VALUE;
            double x1 = -Double.MAX_VALUE;
            double y1 = -Double.MAX_VALUE;
            for (double[] corner : new double[][] {{b.x0(), b.y0()}, {b.x1(), b.y0()}, {b.x0(), b.y1()},
                {b.x1(), b.y1()}}) {
                double[] p = ImageOps.forward(corner[0], corner[1], h, w, angle, scale, tx, ty);
                x0 = Math.min(x0, p[0]);
                y0 = Math.min(y0, p[1]);
                x1 = Math.max(x1, p[0]);
                y1 = Math.max(y1, p[1]);
            }
            int bx0 = clamp((int) Math.floor(x0 + 1e-9), w);
            int by0 = clamp((int) Math.floor(y0 + 1e-9), h);
            int bx1 = clamp((int) Math.ceil(x1 - 1e-9), w);
            int by1 = clamp((int) Math.ceil(y1 - 1e-9), h);
            if (bx1 > bx0 && by1 > by0) {
                boxes.add(new BoundingBox(b.label(), bx0, by0, bx1, by1));
            }
        }
        return warp(s, g, boxes);
    }

    private static void requireImage(Sample s, String what) {
        if (s.depth() > 1) {
            throw new IllegalArgumentException("data.transforms: " + what + " works on 2-D images; sample " + s.id()
                    + " is a volume (" + Sample.shape(s.channels(), s.depth(), s.height(), s.width()) + ")");
        }
    }

    private interface Geometry {
        float[] apply(float[] data, int channels, boolean nearest);
    }

    private static Sample warp(Sample s, Geometry g, List<BoundingBox> boxes) {
        float[] lesion = s.lesionMask() == null ? null : g.apply(s.lesionMask(), 1, true);
        Map<String, float[]> masks = new LinkedHashMap<>();
        s.masks().forEach((k, v) -> masks.put(k, g.apply(v, 1, true)));
        return new Sample(s.id(), g.apply(s.pixels(), s.channels(), false), s.channels(), s.height(), s.width(),
                s.labels(), lesion, masks, boxes, s.split());
    }

    private static float[] jitter(Sample s, double brightness, double contrast) {
        int n = s.height() * s.width();
        float[] px = s.pixels().clone();
        for (int c = 0; c < s.channels(); c++) {
            double mean = 0;
            for (int i = c * n; i < (c + 1) * n; i++) {
                mean += px[i];
            }
            mean /= n;
            for (int i = c * n; i < (c + 1) * n; i++) {
                px[i] = (float) ((px[i] - mean) * contrast + mean + brightness);
            }
        }
        return px;
    }

    private static Sample withPixels(Sample s, float[] px) {
        return new Sample(s.id(), px, s.channels(), s.height(), s.width(), s.labels(), s.lesionMask(), s.masks(),
                s.boxes(), s.split());
    }

    private static double perChannel(String field, List<Double> values, int c, int channels) {
        if (values.size() == 1) {
            return values.get(0);
        }
        if (values.size() != channels) {
            throw new IllegalArgumentException(field + ": has " + values.size() + " values for " + channels
                    + " channels (give one, or one per channel)");
        }
        return values.get(c);
    }

    private static int clamp(int v, int max) {
        return Math.max(0, Math.min(max, v));
    }
}
