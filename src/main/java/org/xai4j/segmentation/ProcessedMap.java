package org.xai4j.segmentation;

/**
 * One image's anomaly map before and after {@link MapProcessing}, with its region and ground truth, all H x W in
 * row-major order.
 *
 * @param id        sample id
 * @param height    H
 * @param width     W
 * @param raw       the map as its source produced it (channels summed; signed for attribution maps)
 * @param processed positive part, smoothed, 0 outside the region, normalised as configured
 * @param region    1 where the image may be segmented (the brain mask, or every pixel), else 0
 * @param truth     the lesion mask (1 inside)
 */
public record ProcessedMap(String id, int height, int width, float[] raw, float[] processed, float[] region,
                           float[] truth) {
    public ProcessedMap {
        int n = height * width;
        for (float[] a : new float[][] {raw, processed, region, truth}) {
            if (a == null || a.length != n) {
                throw new IllegalArgumentException("map " + id + ": every array must hold " + height + "x" + width
                        + " values");
            }
        }
    }

    /** The processed values inside the region, in pixel order (a new array). */
    public float[] regionValues() {
        return inRegion(processed);
    }

    /** The values of an H x W array inside the region, in pixel order (a new array). */
    public float[] inRegion(float[] values) {
        int count = 0;
        for (float r : region) {
            count += r >= 0.5f ? 1 : 0;
        }
        float[] out = new float[count];
        for (int i = 0, k = 0; i < region.length; i++) {
            if (region[i] >= 0.5f) {
                out[k++] = values[i];
            }
        }
        return out;
    }

    /** The predicted mask: 1 where the pixel is in the region and its processed value is above {@code threshold}. */
    public float[] predict(double threshold) {
        float[] out = new float[processed.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = region[i] >= 0.5f && processed[i] > threshold ? 1f : 0f;
        }
        return out;
    }
}
