package org.xai4j.data;

import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Stacks samples into a {@link Batch} of ND4J arrays (copies, in 'c' order). */
public final class Batches {
    /** Name of the concept mask copied into {@link Batch#brainMasks()}. */
    public static final String BRAIN = "brain";

    private Batches() {
    }

    /**
     * Features N x C x H x W (N x C x D x H x W for volumes), labels N x K, lesion masks and brain masks
     * ({@code Sample.masks().get("brain")}) N x 1 x H x W (N x 1 x D x H x W) when every sample has one (else
     * null), all of type {@code type} (FLOAT or DOUBLE are exact; other types are cast from FLOAT).
     */
    public static Batch of(List<Sample> samples, DataType type) {
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("samples: cannot make an empty batch");
        }
        Sample first = samples.get(0);
        int c = first.channels();
        int d = first.depth();
        int h = first.height() * d; // rows of all slices: the arrays are reshaped to their rank below
        int w = first.width();
        int k = first.labels().length;
        int n = samples.size();
        boolean masks = samples.stream().allMatch(s -> s.lesionMask() != null);
        float[] features = new float[n * c * h * w];
        float[] labels = new float[n * k];
        float[] lesions = masks ? new float[n * h * w] : null;
        boolean brains = samples.stream().allMatch(s -> s.masks().get(BRAIN) != null);
        float[] brain = brains ? new float[n * h * w] : null;
        for (int i = 0; i < n; i++) {
            Sample s = samples.get(i);
            if (s.channels() != c || s.depth() != d || s.height() * d != h || s.width() != w
                    || s.labels().length != k) {
                throw new IllegalArgumentException("samples: " + s.id() + " is "
                        + Sample.shape(s.channels(), s.depth(), s.height(), s.width()) + " with " + s.labels().length
                        + " labels, expected " + Sample.shape(c, d, first.height(), w) + " with " + k + " like "
                        + first.id());
            }
            System.arraycopy(s.pixels(), 0, features, i * c * h * w, c * h * w);
            System.arraycopy(s.labels(), 0, labels, i * k, k);
            if (masks) {
                System.arraycopy(s.lesionMask(), 0, lesions, i * h * w, h * w);
            }
            if (brains) {
                System.arraycopy(s.masks().get(BRAIN), 0, brain, i * h * w, h * w);
            }
        }
        long[] image = d > 1 ? new long[] {n, c, d, first.height(), w} : new long[] {n, c, h, w};
        long[] map = d > 1 ? new long[] {n, 1, d, first.height(), w} : new long[] {n, 1, h, w};
        return new Batch(array(features, type, image), array(labels, type, n, k),
                masks ? array(lesions, type, map) : null, samples.stream().map(Sample::id).toList(),
                brains ? array(brain, type, map) : null);
    }

    private static INDArray array(float[] data, DataType type, long... shape) {
        if (type == DataType.DOUBLE) {
            double[] d = new double[data.length];
            for (int i = 0; i < d.length; i++) {
                d[i] = data[i];
            }
            return Nd4j.create(d, shape, 'c');
        }
        INDArray a = Nd4j.create(data, shape, 'c');
        return type == DataType.FLOAT ? a : a.castTo(type);
    }
}
