package org.xai4j.run;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.attribution.ReferenceImages;
import org.xai4j.data.Batches;
import org.xai4j.data.DataOptions;
import org.xai4j.data.DataSources;
import org.xai4j.data.Sample;
import org.xai4j.data.SampleSet;
import org.xai4j.data.Split;
import org.xai4j.data.Transforms;

/**
 * The training split of a run's data as {@link ReferenceImages}: normalised as in training (no augmentation), in
 * split order, with the cache folder of the analysed checkpoint ({@code <run>/attribution-cache} for {@code best},
 * {@code attribution-cache-<checkpoint>} for any other).
 */
final class TrainingImages implements ReferenceImages {
    private final List<Sample> train;
    private final Transforms transforms;
    private final String fingerprint;
    private final Path cache;

    TrainingImages(DataOptions options, SampleSet data, Path cache) {
        this.train = data.split(Split.TRAIN);
        this.transforms = DataSources.transforms(options);
        this.fingerprint = "train split of " + options + ", " + train.size() + " images";
        this.cache = cache;
    }

    @Override
    public Iterable<INDArray> batches(int limit, int batchSize) {
        if (train.isEmpty()) {
            throw new IllegalArgumentException("the data's train split is empty: no reference images");
        }
        int n = Math.min(limit, train.size());
        return () -> new java.util.Iterator<>() {
            private int from;

            @Override
            public boolean hasNext() {
                return from < n;
            }

            @Override
            public INDArray next() {
                if (!hasNext()) {
                    throw new java.util.NoSuchElementException();
                }
                int to = Math.min(n, from + batchSize);
                List<Sample> part = new ArrayList<>();
                for (Sample s : train.subList(from, to)) {
                    part.add(transforms.normalise(s));
                }
                from = to;
                return Batches.of(part, DataType.FLOAT).features();
            }
        };
    }

    @Override
    public int size() {
        return train.size();
    }

    @Override
    public String fingerprint() {
        return fingerprint;
    }

    @Override
    public Optional<Path> cacheFolder() {
        return Optional.of(cache);
    }
}
