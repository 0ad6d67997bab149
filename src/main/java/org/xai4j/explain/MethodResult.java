package org.xai4j.explain;

import java.util.List;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.attribution.checks.InsertionDeletion;
import org.xai4j.attribution.checks.RandomisationCheck;
import org.xai4j.metrics.LocalisationAccuracy;

/**
 * Everything {@code explain} computed for one method.
 *
 * @param method       registry name
 * @param maps         N x C x H x W attributions
 * @param display      per image, the H x W display map in [0, 1]
 * @param seconds      wall time of the attribution calls
 * @param perImage     localisation metrics per image
 * @param curves       insertion/deletion curves
 * @param localisation box localisation (null when too few annotated images)
 * @param sanity       cascading randomisation steps (empty when skipped)
 */
public record MethodResult(String method, INDArray maps, List<double[]> display, double seconds,
                           List<MapMetrics> perImage, InsertionDeletion.Curves curves,
                           LocalisationAccuracy.Result localisation, List<RandomisationCheck.Step> sanity) {
    /** Mean of a per-image metric, NaN values skipped. */
    double mean(java.util.function.ToDoubleFunction<MapMetrics> f) {
        return perImage.stream().mapToDouble(f).filter(v -> !Double.isNaN(v)).average().orElse(Double.NaN);
    }
}
