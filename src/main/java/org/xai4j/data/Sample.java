package org.xai4j.data;

import java.util.List;
import java.util.Map;

/**
 * One image with its labels and (optional) ground truth.
 *
 * @param id           stable identifier (file stem or generator index)
 * @param pixels       image in channel-major order (C x H x W; a volume C x D x H x W), values normally in [0, 1]
 * @param channels     number of channels C
 * @param depth        D: 1 for an image (the ten-argument constructor), the slices of a volume
 * @param height       H
 * @param width        W
 * @param labels       one value per label column (0/1 for binary and multi-label; one-hot for multi-class)
 * @param lesionMask   (D x) H x W mask of all findings (1 inside), or null when unknown
 * @param masks        named (D x) H x W masks (brain, grey_matter, white_matter, ventricles, skull, ...); may be
 *                     empty
 * @param boxes        boxes of the findings; may be empty
 * @param split        split the sample belongs to
 * @param stored       where the pixels live when they are not held in memory ({@code pixels} is then null and
 *                     {@link #pixels()} reads them from the store, e.g. an {@link ImageCache} on disk); null for an
 *                     in-memory sample
 */
public record Sample(String id, float[] pixels, int channels, int depth, int height, int width, float[] labels,
                     float[] lesionMask, Map<String, float[]> masks, List<BoundingBox> boxes, Split split,
                     StoredPixels stored) {
    /** Pixels kept outside the sample, read on demand: each call returns a fresh C x (D x) H x W array. */
    public interface StoredPixels {
        float[] read();

        /** How many values {@link #read} returns. */
        int length();
    }

    public Sample {
        if (depth < 1) {
            throw new IllegalArgumentException("sample " + id + ": depth must be >= 1, got " + depth);
        }
        if ((pixels == null) == (stored == null)) {
            throw new IllegalArgumentException("sample " + id + ": give the pixels or where they are stored, not "
                    + (pixels == null ? "neither" : "both"));
        }
        int length = pixels != null ? pixels.length : stored.length();
        if (length != channels * depth * height * width) {
            throw new IllegalArgumentException("sample " + id + ": " + length + " pixels, expected "
                    + shape(channels, depth, height, width));
        }
        if (lesionMask != null && lesionMask.length != depth * height * width) {
            throw new IllegalArgumentException("sample " + id + ": lesion mask has " + lesionMask.length
                    + " pixels, expected " + shape(1, depth, height, width).substring(2));
        }
        masks = masks == null ? Map.of() : Map.copyOf(masks);
        boxes = boxes == null ? List.of() : List.copyOf(boxes);
    }

    /** An in-memory sample. */
    public Sample(String id, float[] pixels, int channels, int depth, int height, int width, float[] labels,
                  float[] lesionMask, Map<String, float[]> masks, List<BoundingBox> boxes, Split split) {
        this(id, pixels, channels, depth, height, width, labels, lesionMask, masks, boxes, split, null);
    }

    /** A 2-D image (depth 1) in memory. */
    public Sample(String id, float[] pixels, int channels, int height, int width, float[] labels, float[] lesionMask,
                  Map<String, float[]> masks, List<BoundingBox> boxes, Split split) {
        this(id, pixels, channels, 1, height, width, labels, lesionMask, masks, boxes, split, null);
    }

    /** A 2-D image (depth 1) whose pixels are read from {@code stored} when asked for. */
    public static Sample stored(String id, StoredPixels stored, int channels, int height, int width, float[] labels,
                                float[] lesionMask, List<BoundingBox> boxes, Split split) {
        return new Sample(id, null, channels, 1, height, width, labels, lesionMask, Map.of(), boxes, split, stored);
    }

    /** The image: the held array, or a fresh copy read from where it is stored. */
    @Override
    public float[] pixels() {
        return pixels != null ? pixels : stored.read();
    }

    /** {@code C x H x W}, or {@code C x D x H x W} for a volume. */
    static String shape(int channels, int depth, int height, int width) {
        return depth > 1 ? channels + "x" + depth + "x" + height + "x" + width : channels + "x" + height + "x" + width;
    }

    /** True when any label is positive (the image shows a finding). */
    public boolean isPathological() {
        for (float l : labels) {
            if (l > 0.5f) {
                return true;
            }
        }
        return false;
    }
}
