package org.xai4j.qc;

/**
 * INFORMER's per-class distinctiveness (Shu et al., 2024; METHODS.md section 7): for one image and class-specific
 * saliency maps {@code S_1 .. S_K}, {@code d_i = sum_{j != i} (1 - cos(S_i, S_j))}. A class whose map looks like
 * the other classes' maps (low {@code d_i}) is one the model cannot tell apart in this image, a sign that its
 * prediction may be wrong. Range [0, 2 (K - 1)]; a zero map has cosine 0 with every map.
 */
public final class Distinctiveness {
    private Distinctiveness() {
    }

    /**
     * @param maps K flattened maps of one image (the same length)
     * @return d_i per class
     */
    public static double[] of(double[][] maps) {
        int k = maps.length;
        double[] norm = new double[k];
        for (int i = 0; i < k; i++) {
            norm[i] = Math.sqrt(dot(maps[i], maps[i]));
        }
        double[] d = new double[k];
        for (int i = 0; i < k; i++) {
            for (int j = i + 1; j < k; j++) {
                double cos = norm[i] > 0 && norm[j] > 0 ? dot(maps[i], maps[j]) / (norm[i] * norm[j]) : 0;
                d[i] += 1 - cos;
                d[j] += 1 - cos;
            }
        }
        return d;
    }

    private static double dot(double[] a, double[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("maps of different sizes: " + a.length + " vs " + b.length);
        }
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
