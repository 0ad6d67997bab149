package org.xai4j.segmentation;

import java.util.List;
import org.xai4j.data.Sample;

/**
 * Where raw anomaly maps come from: an attribution method of a trained classifier ({@link AttributionMaps}), the
 * input intensity ({@link IntensityMaps}) or an autoencoder's reconstruction residual ({@link ReconstructionMaps}).
 * A map is H x W (row-major), channels already combined; higher means more anomalous.
 */
public interface AnomalyMapSource {
    /** Short name used in tables and folder names (e.g. {@code grad}, {@code intensity}). */
    String name();

    /** Whether this is an attribution method or a baseline. */
    SourceKind kind();

    /** One raw map per sample, in the order given. */
    List<float[]> maps(List<Sample> samples);
}
