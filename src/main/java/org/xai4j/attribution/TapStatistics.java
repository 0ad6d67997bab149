package org.xai4j.attribution;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.model.ModelAdapter;
import org.xai4j.util.AtomicFiles;

/**
 * Per-element mean, standard deviation and activity of a tap's activations over a set of images (Welford's streaming
 * algorithm in double precision, as the IBA reference code's {@code TorchWelfordEstimator}): the noise distribution
 * {@code N(mu, sigma^2)} of the information bottleneck (Schulz, Sixt, Tombari and Landgraf, "Restricting the flow:
 * information bottlenecks for attribution", ICLR 2020). An element is active when it is non-zero in more than a given
 * fraction of the images. {@link #of} caches the estimate in the reference images' cache folder, keyed by the tap,
 * the model's parameters and the images, so a second call with the same checkpoint and data reads it back.
 *
 * @param shape  C x h x w of one image's activations
 * @param mean   per-element mean, length C*h*w (row-major)
 * @param std    per-element sample standard deviation (n - 1 in the denominator)
 * @param nonZero per element, the fraction of images in which it was non-zero
 * @param images how many images the estimate rests on
 */
public record TapStatistics(long[] shape, double[] mean, double[] std, double[] nonZero, int images) {
    private static final String MAGIC = "xai4j-tap-statistics-1";

    public TapStatistics {
        int n = (int) (shape[0] * shape[1] * shape[2]);
        if (mean.length != n || std.length != n || nonZero.length != n) {
            throw new IllegalArgumentException("tap statistics: arrays do not match the shape " + Arrays.toString(shape));
        }
    }

    /** Number of elements per image. */
    public int length() {
        return mean.length;
    }

    /** Accumulates activations batch by batch. */
    public static final class Estimator {
        private long[] shape;
        private double[] m;
        private double[] s;
        private double[] nz;
        private int n;

        /** Adds a batch of N x C x h x w activations. */
        public void add(INDArray activations) {
            if (activations.rank() != 4) {
                throw new IllegalArgumentException("tap statistics need N x C x h x w activations, got "
                        + Arrays.toString(activations.shape()));
            }
            long[] one = Arrays.copyOfRange(activations.shape(), 1, 4);
            if (shape == null) {
                shape = one;
                int len = (int) (one[0] * one[1] * one[2]);
                m = new double[len];
                s = new double[len];
                nz = new double[len];
            } else if (!Arrays.equals(shape, one)) {
                throw new IllegalArgumentException("activations of " + Arrays.toString(one) + " after "
                        + Arrays.toString(shape));
            }
            double[] a = activations.castTo(DataType.DOUBLE).dup('c').data().asDouble();
            int len = m.length;
            for (int row = 0; row < activations.size(0); row++) {
                n++;
                int base = row * len;
                for (int i = 0; i < len; i++) {
                    double v = a[base + i];
                    double old = m[i];
                    m[i] = old + (v - old) / n;
                    s[i] += (v - m[i]) * (v - old);
                    if (v != 0) {
                        nz[i]++;
                    }
                }
            }
        }

        public TapStatistics result() {
            if (n < 2) {
                throw new IllegalStateException("tap statistics need at least 2 images, got " + n);
            }
            double[] std = new double[m.length];
            double[] frac = new double[m.length];
            for (int i = 0; i < m.length; i++) {
                std[i] = Math.sqrt(s[i] / (n - 1));
                frac[i] = nz[i] / n;
            }
            return new TapStatistics(shape, m.clone(), std, frac, n);
        }
    }

    /** The statistics of {@code tap} over the given activations (the images being explained, without reference data). */
    public static TapStatistics ofActivations(INDArray activations) {
        Estimator e = new Estimator();
        e.add(activations);
        return e.result();
    }

    /**
     * The statistics of {@code tap} over the first {@code limit} reference images, read from the cache when it holds
     * them for this model and these images, else estimated and cached (atomically).
     */
    public static TapStatistics of(ModelAdapter adapter, String tap, ReferenceImages images, int limit, int batch) {
        String key = MAGIC + "|" + tap + "|" + parameterDigest(adapter) + "|" + images.fingerprint() + "|" + limit;
        Path file = images.cacheFolder().map(f -> f.resolve("tap-statistics").resolve(fileName(tap))).orElse(null);
        if (file != null && Files.isRegularFile(file)) {
            TapStatistics cached = read(file, key);
            if (cached != null) {
                return cached;
            }
        }
        Estimator e = new Estimator();
        for (INDArray b : images.batches(limit, batch)) {
            e.add(adapter.activations(b, tap));
        }
        TapStatistics result = e.result();
        if (file != null) {
            AtomicFiles.write(file, out -> result.write(new DataOutputStream(out), key));
        }
        return result;
    }

    private static String fileName(String tap) {
        return tap.replaceAll("[^A-Za-z0-9_.-]", "_") + ".bin";
    }

    private void write(DataOutputStream out, String key) throws IOException {
        out.writeUTF(key);
        out.writeInt(images);
        for (long d : shape) {
            out.writeLong(d);
        }
        for (double[] a : new double[][] {mean, std, nonZero}) {
            for (double v : a) {
                out.writeDouble(v);
            }
        }
        out.flush();
    }

    /** The cached statistics, or null when the file was written for another key or cannot be read. */
    private static TapStatistics read(Path file, String key) {
        try (InputStream raw = new java.io.BufferedInputStream(Files.newInputStream(file));
             DataInputStream in = new DataInputStream(raw)) {
            if (!in.readUTF().equals(key)) {
                return null;
            }
            int images = in.readInt();
            long[] shape = {in.readLong(), in.readLong(), in.readLong()};
            int n = (int) (shape[0] * shape[1] * shape[2]);
            double[][] arrays = new double[3][n];
            for (double[] a : arrays) {
                for (int i = 0; i < n; i++) {
                    a[i] = in.readDouble();
                }
            }
            return new TapStatistics(shape, arrays[0], arrays[1], arrays[2], images);
        } catch (IOException | RuntimeException e) {
            return null; // a damaged cache is recomputed, not trusted
        }
    }

    private static String parameterDigest(ModelAdapter adapter) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(adapter.graph().params().castTo(DataType.FLOAT).dup().data().asBytes());
            return HexFormat.of().formatHex(md.digest(), 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
