package org.xai4j.segmentation;

import java.util.ArrayList;
import java.util.List;
import org.xai4j.data.Batch;
import org.xai4j.data.BatchIterator;
import org.xai4j.data.Sample;

/**
 * The reconstruction baseline: the residual {@code sum_c |x - AE(x)|} of a {@link ConvAutoencoder} trained on healthy
 * images, on raw pixels (Baur et al., Medical Image Analysis 2021). What the network never saw (a lesion) it
 * reconstructs poorly, so the residual is high there.
 */
public final class ReconstructionMaps implements AnomalyMapSource {
    /** Name in tables and folders. */
    public static final String NAME = "autoencoder";

    private final ConvAutoencoder autoencoder;
    private final int batchSize;

    public ReconstructionMaps(ConvAutoencoder autoencoder, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize: must be >= 1, got " + batchSize);
        }
        this.autoencoder = autoencoder;
        this.batchSize = batchSize;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public SourceKind kind() {
        return SourceKind.BASELINE;
    }

    @Override
    public List<float[]> maps(List<Sample> samples) {
        List<float[]> out = new ArrayList<>(samples.size());
        for (Batch b : BatchIterator.of(samples, batchSize).epoch(0)) {
            out.addAll(autoencoder.residuals(b.features()));
        }
        return out;
    }
}
