package org.xai4j.attribution;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Images drawn from the data a model was trained on (normalised as in training), for the methods whose definition
 * needs the data distribution: the feature statistics of the information bottleneck ({@link InformationBottleneck},
 * Schulz et al. 2020, estimated over training images). The commands that open a run ({@code explain}, {@code segment})
 * give its training split through {@link AttributionOptions#withReference}, with a cache folder next to the
 * checkpoint so that statistics derived from the images are computed once.
 */
public interface ReferenceImages {
    /**
     * The first {@code limit} images (or all, when fewer), in batches of at most {@code batchSize}, in the same order
     * at every call; each batch N x C x H x W.
     */
    Iterable<INDArray> batches(int limit, int batchSize);

    /** How many images there are. */
    int size();

    /** Identifies the images (source, split, count): a cached result derived from other images is not reused. */
    String fingerprint();

    /** Where results derived from the images are cached; empty: not cached. */
    Optional<Path> cacheFolder();

    /** The same images without a cache (for models that are not the checkpoint's, e.g. randomised copies). */
    default ReferenceImages withoutCache() {
        ReferenceImages self = this;
        return new ReferenceImages() {
            @Override
            public Iterable<INDArray> batches(int limit, int batchSize) {
                return self.batches(limit, batchSize);
            }

            @Override
            public int size() {
                return self.size();
            }

            @Override
            public String fingerprint() {
                return self.fingerprint();
            }

            @Override
            public Optional<Path> cacheFolder() {
                return Optional.empty();
            }
        };
    }

    /** Images held in memory, without a cache (for library use and tests). */
    static ReferenceImages of(INDArray images) {
        if (images == null || images.rank() != 4 || images.size(0) < 1) {
            throw new IllegalArgumentException("reference images: expected N x C x H x W with N >= 1");
        }
        INDArray held = images.dup();
        return new ReferenceImages() {
            @Override
            public Iterable<INDArray> batches(int limit, int batchSize) {
                List<INDArray> out = new ArrayList<>();
                int n = Math.min(limit, size());
                for (int from = 0; from < n; from += batchSize) {
                    out.add(held.get(NDArrayIndex.interval(from, Math.min(n, from + batchSize)), NDArrayIndex.all(),
                            NDArrayIndex.all(), NDArrayIndex.all()).dup());
                }
                return out;
            }

            @Override
            public int size() {
                return (int) held.size(0);
            }

            @Override
            public String fingerprint() {
                return "in-memory " + java.util.Arrays.toString(held.shape()) + " sum " + held.sumNumber();
            }

            @Override
            public Optional<Path> cacheFolder() {
                return Optional.empty();
            }
        };
    }
}
