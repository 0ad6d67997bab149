package org.xai4j.data;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One validated manifest row, before its images are read.
 *
 * @param line       1-based line of the row in the manifest
 * @param id         sample id
 * @param images     resolved image files, one per image column
 * @param labels     label values (one-hot for multi-class)
 * @param lesionMask resolved lesion mask file, or null
 * @param masks      resolved concept mask files by name (cells left empty are absent)
 * @param boxes      boxes of the row
 * @param split      split of the row, or null when the manifest has no split column
 * @param rawImages  image cells as written, for messages
 */
record ManifestRow(int line, String id, List<Path> images, float[] labels, Path lesionMask, Map<String, Path> masks,
                   List<BoundingBox> boxes, Split split, List<String> rawImages) {
}
