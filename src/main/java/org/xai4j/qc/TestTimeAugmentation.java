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

    /** The value of output pixel (r, c) of one channel, read from that channel of the source. */
    @FunctionalInterface
    private interface PixelRule {
        double value(Channel source, int r, int c);
    }

    /** One channel of the source image, read with zero outside it. */
    private record Channel(double[] pixels, int base, int height, int width) {
        double at(int r, int c) {
            return r < 0 || c < 0 || r >= height || c >= width ? 0 : pixels[base + r * width + c];
        }
    }

    /** Applies {@code rule} to every pixel of every channel of {@code x} (1 x C x H x W). */
    private static INDArray map(INDArray x, PixelRule rule) {
        int c = (int) x.size(1);
        int h = (int) x.size(2);
        int w = (int) x.size(3);
        double[] src = x.dup('c').data().asDouble();
        double[] dst = new double[src.length];
        for (int ch = 0; ch < c; ch++) {
            Channel in = new Channel(src, ch * h * w, h, w);
            for (int r = 0; r < h; r++) {
                for (int col = 0; col < w; col++) {
                    dst[ch * h * w + r * w + col] = rule.value(in, r, col);
                }
            }
        }
        return Nd4j.create(dst, x.shape(), 'c');
    }

    /** Bilinear rotation about the image centre by {@code angle} (radians); zero outside the image. */
    static INDArray rotate(INDArray x, double angle) {
        double cy = (x.size(2) - 1) / 2.0;
        double cx = (x.size(3) - 1) / 2.0;
        double cos = Math.cos(angle);
        double sin = Math.sin(angle);
        return map(x, (in, r, col) -> {
            // the source point that lands on (r, col)
            double sy = cos * (r - cy) + sin * (col - cx) + cy;
            double sx = -sin * (r - cy) + cos * (col - cx) + cx;
            int y0 = (int) Math.floor(sy);
            int x0 = (int) Math.floor(sx);
            double fy = sy - y0;
            double fx = sx - x0;
            return (1 - fy) * ((1 - fx) * in.at(y0, x0) + fx * in.at(y0, x0 + 1))
                    + fy * ((1 - fx) * in.at(y0 + 1, x0) + fx * in.at(y0 + 1, x0 + 1));
        });
    }

    /** Mean over the {@code k x k} window (rows r - k/2 .. r + k/2 - 1, likewise columns) inside the image. */
    static INDArray boxBlur(INDArray x, int k) {
        return map(x, (in, r, col) -> {
            double s = 0;
            int n = 0;
            for (int rr = Math.max(0, r - k / 2); rr < Math.min(in.height(), r + k - k / 2); rr++) {
                for (int cc = Math.max(0, col - k / 2); cc < Math.min(in.width(), col + k - k / 2); cc++) {
                    s += in.at(rr, cc);
                    n++;
                }
            }
            return s / n;
        });
    }

    /** Zero-pad by {@code pad}, then crop the original size at offset (dy, dx) of the padded image. */
    static INDArray padCrop(INDArray x, int pad, int dy, int dx) {
        return map(x, (in, r, col) -> in.at(r + dy - pad, col + dx - pad));
    }
}
