package org.xai4j.qc;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The test-time-augmentation baseline of INFORMER (Shu et al., 2024): the variance of each class's sigmoid over
 * augmented copies of an image. Copies as the paper lists them: rotations by +45 and -45 degrees (bilinear, about the
 * centre, zero outside), a 10 x 10 box blur, and four random crops with padding 8 (zero-pad by 8, crop back to the
 * size at a random offset); the variance includes the unchanged image.
 */
public final class TestTimeAugmentation {
    /** Copies per image, the original included. */
    public static final int COPIES = 8;

    private TestTimeAugmentation() {
    }

    /** The {@link #COPIES} versions of {@code image} (1 x C x H x W, double), the original first. */
    public static List<INDArray> copies(INDArray image, SplittableRandom random) {
        INDArray x = image.castTo(DataType.DOUBLE);
        List<INDArray> out = new ArrayList<>();
        out.add(x.dup());
        out.add(rotate(x, Math.toRadians(45)));
        out.add(rotate(x, Math.toRadians(-45)));
        out.add(boxBlur(x, 10));
        for (int k = 0; k < 4; k++) {
            out.add(padCrop(x, 8, random.nextInt(17), random.nextInt(17)));
        }
        return out;
    }

    /** Bilinear rotation about the image centre by {@code angle} (radians); zero outside the image. */
    static INDArray rotate(INDArray x, double angle) {
        int c = (int) x.size(1);
        int h = (int) x.size(2);
        int w = (int) x.size(3);
        double[] src = x.dup('c').data().asDouble();
        double[] dst = new double[src.length];
        double cy = (h - 1) / 2.0;
        double cx = (w - 1) / 2.0;
        double cos = Math.cos(angle);
        double sin = Math.sin(angle);
        for (int r = 0; r < h; r++) {
            for (int col = 0; col < w; col++) {
                // the source point that lands on (r, col)
                double sy = cos * (r - cy) + sin * (col - cx) + cy;
                double sx = -sin * (r - cy) + cos * (col - cx) + cx;
                int y0 = (int) Math.floor(sy);
                int x0 = (int) Math.floor(sx);
                double fy = sy - y0;
                double fx = sx - x0;
                for (int ch = 0; ch < c; ch++) {
                    int base = ch * h * w;
                    dst[base + r * w + col] = (1 - fy) * ((1 - fx) * at(src, base, h, w, y0, x0)
                            + fx * at(src, base, h, w, y0, x0 + 1))
                            + fy * ((1 - fx) * at(src, base, h, w, y0 + 1, x0) + fx * at(src, base, h, w, y0 + 1,
                            x0 + 1));
                }
            }
        }
        return Nd4j.create(dst, x.shape(), 'c');
    }

    private static double at(double[] a, int base, int h, int w, int r, int c) {
        return r < 0 || c < 0 || r >= h || c >= w ? 0 : a[base + r * w + c];
    }

    /** Mean over the {@code k x k} window (offset so that the window covers rows r - k/2 .. r + k/2 - 1). */
    static INDArray boxBlur(INDArray x, int k) {
        int c = (int) x.size(1);
        int h = (int) x.size(2);
        int w = (int) x.size(3);
        double[] src = x.dup('c').data().asDouble();
        double[] dst = new double[src.length];
        for (int ch = 0; ch < c; ch++) {
            int base = ch * h * w;
            for (int r = 0; r < h; r++) {
                for (int col = 0; col < w; col++) {
                    double s = 0;
                    int n = 0;
                    for (int dr = -k / 2; dr < k - k / 2; dr++) {
                        for (int dc = -k / 2; dc < k - k / 2; dc++) {
                            int rr = r + dr;
                            int cc = col + dc;
                            if (rr >= 0 && cc >= 0 && rr < h && cc < w) {
                                s += src[base + rr * w + cc];
                                n++;
                            }
                        }
                    }
                    dst[base + r * w + col] = s / n;
                }
            }
        }
        return Nd4j.create(dst, x.shape(), 'c');
    }

    /** Zero-pad by {@code pad}, then crop the original size at offset (dy, dx) of the padded image. */
    static INDArray padCrop(INDArray x, int pad, int dy, int dx) {
        int c = (int) x.size(1);
        int h = (int) x.size(2);
        int w = (int) x.size(3);
        double[] src = x.dup('c').data().asDouble();
        double[] dst = new double[src.length];
        for (int ch = 0; ch < c; ch++) {
            int base = ch * h * w;
            for (int r = 0; r < h; r++) {
                for (int col = 0; col < w; col++) {
                    dst[base + r * w + col] = at(src, base, h, w, r + dy - pad, col + dx - pad);
                }
            }
        }
        return Nd4j.create(dst, x.shape(), 'c');
    }
}
