package org.xai4j.faithfulness.axioms;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * What the synthetic patches are pasted on, drawn anew at every optimisation step: real images of the data set
 * (healthy ones, so that the patches alone carry the evidence) or, as in the reference code, Gaussian noise
 * N(0.5, 0.1) clipped to [0, 1] of the image range. {@link #low()} and {@link #high()} give the range the patches'
 * pixels are mapped into.
 */
public interface Backgrounds {
    /** One background, 1 x C x H x W (double, owned). */
    INDArray draw(SplittableRandom random);

    /** Lowest pixel value of the images (a patch pixel 0). */
    double low();

    /** Highest pixel value (a patch pixel 1). */
    double high();

    /** Backgrounds drawn by {@code draw}, whose patches map into [low, high]. */
    record Drawn(java.util.function.Function<SplittableRandom, INDArray> drawer, double low, double high)
            implements Backgrounds {
        @Override
        public INDArray draw(SplittableRandom random) {
            return drawer.apply(random);
        }
    }

    /** Images drawn from {@code pool} (N x C x H x W); the range is the pool's. */
    static Backgrounds images(INDArray pool) {
        if (pool.size(0) < 1) {
            throw new IllegalArgumentException("backgrounds: no images to draw from");
        }
        INDArray copy = pool.castTo(DataType.DOUBLE).dup();
        double lo = copy.minNumber().doubleValue();
        double hi = copy.maxNumber().doubleValue();
        if (!(hi > lo)) {
            throw new IllegalArgumentException("backgrounds: the images are constant (" + lo + ")");
        }
        return new Drawn(random -> {
            int n = random.nextInt((int) copy.size(0));
            return copy.get(NDArrayIndex.interval(n, n + 1), NDArrayIndex.all(), NDArrayIndex.all(),
                    NDArrayIndex.all()).dup();
        }, lo, hi);
    }

    /** The reference's noise, N(0.5, 0.1) clipped to [0, 1], mapped into [lo, hi], of shape C x H x W. */
    static Backgrounds noise(int channels, int height, int width, double lo, double hi) {
        return new Drawn(random -> {
            double[] v = new double[channels * height * width];
            java.util.Random gauss = new java.util.Random(random.nextLong());
            for (int i = 0; i < v.length; i++) {
                v[i] = lo + (hi - lo) * Math.min(1, Math.max(0, 0.5 + 0.1 * gauss.nextGaussian()));
            }
            return Nd4j.create(v, new long[] {1, channels, height, width}, 'c');
        }, lo, hi);
    }
}
