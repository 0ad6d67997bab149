package org.xai4j.data;

import java.util.List;
import java.util.Map;

/**
 * One image with its labels and (optional) ground truth.
 *
 * @param id           stable identifier (file stem or generator index)
 * @param pixels       image in channel-major order (C x H x W), values normally in [0, 1]
 * @param channels     number of channels C
 * @param height       H
 * @param width        W
 * @param labels       one value per label column (0/1 for binary and multi-label; one-hot for multi-class)
 * @param lesionMask   H x W mask of all findings (1 inside), or null when unknown
 * @param masks        named H x W masks (brain, grey_matter, white_matter, ventricles, skull, ...); may be empty
 * @param boxes        boxes of the findings; may be empty
 * @param split        split the sample belongs to
 */
public record Sample(String id, float[] pixels, int channels, int height, int width, float[] labels,
                     float[] lesionMask, Map<String, float[]> masks, List<BoundingBox> boxes, Split split) {
    public Sample {
        if (pixels.length != channels * height * width) {
            throw new IllegalArgumentException("sample " + id + ": " + pixels.length + " pixels, expected "
                    + channels + "x" + height + "x" + width);
        }
        if (lesionMask != null && lesionMask.length != height * width) {
            throw new IllegalArgumentException("sample " + id + ": lesion mask has " + lesionMask.length
                    + " pixels, expected " + height + "x" + width);
        }
        masks = masks == null ? Map.of() : Map.copyOf(masks);
        boxes = boxes == null ? List.of() : List.copyOf(boxes);
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
