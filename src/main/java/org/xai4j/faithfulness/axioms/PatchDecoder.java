package org.xai4j.faithfulness.axioms;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.xai4j.model.Convolutions;

/**
 * The small generator of one synthetic patch, used as a deep image prior (Ulyanov et al. 2018) as in Khakzar et
 * al., "Do Explanations Explain? Model Knows Best" (CVPR 2022): a fixed noise input (16 channels, a quarter of the
 * patch side, U(0, 0.1)) through conv 3x3 - LeakyReLU(0.2) - nearest x2 - conv 3x3 - LeakyReLU(0.2) - nearest x2 -
 * conv 3x3 - sigmoid gives a C x p x p patch in (0, 1); only the decoder's weights are optimised (RMSprop, lr 0.01,
 * decay 0.99 as PyTorch's default), so the patch stays a natural-looking texture rather than adversarial pixel noise.
 * Weights start as PyTorch's default initialisation, U(+-1/sqrt(fan_in)). Everything is in double precision (the
 * decoder has about 15k parameters); {@link #backward} is the exact gradient (checked against finite differences).
 */
public final class PatchDecoder {
    static final int NOISE_CHANNELS = 16;
    static final int HIDDEN = 32;
    private static final double SLOPE = 0.2;
    private static final int[] CONV3X3 = {3, 3, 1, 1, 1, 1, 1, 1, 0, 0, 1};

    private final int size;
    private final INDArray noise;
    private final long[][] shapes;
    private final INDArray params;
    private final GradientUpdater<?> updater;
    private int iteration;
    private Cache cache;
    private List<INDArray> pieces;

    /** Activations of the last {@link #forward}, for {@link #backward}. */
    private record Cache(INDArray u1, INDArray g1, INDArray u2, INDArray g2, INDArray out) {
    }

    /**
     * @param channels image channels of the patch
     * @param size     patch side in pixels, a multiple of 4
     * @param lr       RMSprop learning rate
     * @param seed     seed of the noise input and the initial weights
     */
    public PatchDecoder(int channels, int size, double lr, long seed) {
        if (size < 4 || size % 4 != 0) {
            throw new IllegalArgumentException("patch size: a multiple of 4, got " + size);
        }
        this.size = size;
        SplittableRandom random = new SplittableRandom(seed);
        int q = size / 4;
        double[] z = new double[NOISE_CHANNELS * q * q];
        for (int i = 0; i < z.length; i++) {
            z[i] = 0.1 * random.nextDouble();
        }
        noise = Nd4j.create(z, new long[] {1, NOISE_CHANNELS, q, q}, 'c');
        shapes = new long[][] {{HIDDEN, NOISE_CHANNELS, 3, 3}, {HIDDEN}, {HIDDEN, HIDDEN, 3, 3}, {HIDDEN},
            {channels, HIDDEN, 3, 3}, {channels}};
        long n = 0;
        for (long[] s : shapes) {
            n += length(s);
        }
        double[] p = new double[Math.toIntExact(n)];
        int at = 0;
        for (int k = 0; k < shapes.length; k++) {
            long[] w = shapes[k % 2 == 0 ? k : k - 1];
            double bound = 1 / Math.sqrt(w[1] * w[2] * w[3]);
            for (long i = 0; i < length(shapes[k]); i++) {
                p[at++] = (2 * random.nextDouble() - 1) * bound;
            }
        }
        params = Nd4j.create(p, new long[] {1, n}, 'c');
        updater = new RmsProp(lr, 0.99, 1e-8).instantiate(Nd4j.zeros(DataType.DOUBLE, 1, n), true);
    }

    private static long length(long[] shape) {
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        return n;
    }

    /** The patch side in pixels. */
    public int size() {
        return size;
    }

    /** Number of decoder parameters. */
    public long numParams() {
        return params.length();
    }

    /** The flat parameter row (a live view: call {@link #forget()} after changing it). */
    INDArray params() {
        return params;
    }

    /** Drops the cached weight arrays after {@link #params()} was changed from outside. */
    void forget() {
        pieces = null;
    }

    /** The parameters as weight and bias arrays (copies, remade after every step). */
    private List<INDArray> pieces() {
        if (pieces != null) {
            return pieces;
        }
        List<INDArray> out = new ArrayList<>();
        long at = 0;
        for (long[] s : shapes) {
            long n = length(s);
            out.add(params.get(NDArrayIndex.point(0), NDArrayIndex.interval(at, at + n)).dup().reshape('c', s));
            at += n;
        }
        pieces = out;
        return out;
    }

    /** The current patch, 1 x C x p x p in (0, 1), double. */
    public INDArray forward() {
        List<INDArray> w = pieces();
        INDArray u1 = Convolutions.forward(noise, w.get(0), w.get(1), CONV3X3);
        INDArray g1 = upsample(leakyRelu(u1));
        INDArray u2 = Convolutions.forward(g1, w.get(2), w.get(3), CONV3X3);
        INDArray g2 = upsample(leakyRelu(u2));
        INDArray out = Transforms.sigmoid(Convolutions.forward(g2, w.get(4), w.get(5), CONV3X3), true);
        cache = new Cache(u1, g1, u2, g2, out);
        return out.dup();
    }

    /**
     * The gradient of {@code sum(patch * dPatch)} with respect to the decoder parameters (flat, the layout of
     * {@link #params()}), after {@link #forward}.
     */
    public INDArray backward(INDArray dPatch) {
        if (cache == null) {
            throw new IllegalStateException("backward needs a preceding forward");
        }
        List<INDArray> w = pieces();
        Cache c = cache;
        INDArray du3 = dPatch.castTo(DataType.DOUBLE).mul(c.out).muli(c.out.rsub(1.0));
        Convolutions.Gradients l3 = Convolutions.backward(c.g2, w.get(4), du3, CONV3X3);
        INDArray du2 = downsum(l3.input()).muli(leakyReluSlope(c.u2));
        Convolutions.Gradients l2 = Convolutions.backward(c.g1, w.get(2), du2, CONV3X3);
        INDArray du1 = downsum(l2.input()).muli(leakyReluSlope(c.u1));
        Convolutions.Gradients l1 = Convolutions.backward(noise, w.get(0), du1, CONV3X3);
        INDArray[] parts = {l1.weights(), l1.bias(), l2.weights(), l2.bias(), l3.weights(), l3.bias()};
        INDArray flat = Nd4j.create(DataType.DOUBLE, 1, params.length());
        long at = 0;
        for (INDArray part : parts) {
            long n = part.length();
            flat.get(NDArrayIndex.point(0), NDArrayIndex.interval(at, at + n)).assign(part.dup('c').reshape(n));
            at += n;
        }
        return flat;
    }

    /** One RMSprop step on the gradient of the patch's loss ({@code dPatch} = dLoss/dpatch), after {@link #forward}. */
    public void step(INDArray dPatch) {
        INDArray g = backward(dPatch);
        updater.applyUpdater(g, iteration++, 0);
        params.subi(g);
        pieces = null;
    }

    private static INDArray leakyRelu(INDArray u) {
        return Transforms.max(u, u.mul(SLOPE), true);
    }

    private static INDArray leakyReluSlope(INDArray u) {
        return u.gt(0).castTo(DataType.DOUBLE).muli(1 - SLOPE).addi(SLOPE);
    }

    /** Nearest-neighbour upsampling by 2 (N x C x H x W to N x C x 2H x 2W). */
    static INDArray upsample(INDArray x) {
        long[] s = x.shape();
        return x.reshape('c', s[0], s[1], s[2], 1, s[3], 1).broadcast(s[0], s[1], s[2], 2, s[3], 2).dup('c')
                .reshape('c', s[0], s[1], 2 * s[2], 2 * s[3]);
    }

    /** The adjoint of {@link #upsample}: sums of 2 x 2 blocks. */
    static INDArray downsum(INDArray g) {
        long[] s = g.shape();
        return g.dup('c').reshape('c', s[0], s[1], s[2] / 2, 2, s[3] / 2, 2).sum(3, 5);
    }
}
