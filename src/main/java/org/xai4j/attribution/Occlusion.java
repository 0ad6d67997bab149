package org.xai4j.attribution;

import java.util.ArrayList;
import java.util.List;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.xai4j.model.Mode;
import org.xai4j.model.ModelAdapter;
import org.xai4j.model.Target;

/**
 * Occlusion (Zeiler and Fergus, "Visualizing and understanding convolutional networks", ECCV 2014), as Captum's
 * {@code Occlusion}: a {@code patch x patch} window (over all channels) slides with {@code stride} from the top-left
 * corner (positions {@code 0, stride, ...} while the window fits), is set to {@code value}, and the drop
 * {@code T(x) - T(x occluded)} is credited to every pixel under the window; each pixel's attribution is the mean over
 * the windows that cover it (pixels no window covers get 0). METHODS.md: 50x50 windows with stride 25 on 224x224;
 * the default here, 8x8 with stride 4, is about that on 64x64. Forward passes only, in chunks of
 * {@code internalBatch} occluded images. T is evaluated as {@link TargetValues}.
 */
public final class Occlusion implements Attribution {
    private final ModelAdapter adapter;
    private final Options options;

    /**
     * @param patch         window side in pixels
     * @param stride        step between windows
     * @param value         the value written into the window (the baseline)
     * @param internalBatch occluded images per forward pass
     */
    public record Options(Integer patch, Integer stride, Double value, Integer internalBatch) {
        public Options {
            patch = patch == null ? 8 : patch;
            stride = stride == null ? 4 : stride;
            value = value == null ? 0.0 : value;
            internalBatch = internalBatch == null ? 64 : internalBatch;
            if (patch < 1 || stride < 1) {
                throw new IllegalArgumentException("occlusion: patch and stride must be >= 1, got " + patch + ", "
                        + stride);
            }
            if (internalBatch < 1) {
                throw new IllegalArgumentException("internalBatch: must be >= 1, got " + internalBatch);
            }
        }

        /** 8x8 windows, stride 4, value 0, 64 images per pass. */
        public static Options defaults() {
            return new Options(null, null, null, null);
        }
    }

    public Occlusion(ModelAdapter adapter, Options options) {
        this.adapter = adapter;
        this.options = options;
    }

    @Override
    public String name() {
        return "occlusion";
    }

    @Override
    public INDArray attribute(INDArray inputs, Target target) {
        INDArray x = Inputs.owned(inputs, adapter);
        int batch = (int) x.size(0);
        int h = (int) x.size(2);
        int w = (int) x.size(3);
        if (options.patch() > h || options.patch() > w) {
            throw new IllegalArgumentException("occlusion: patch " + options.patch() + " exceeds the image " + h + "x"
                    + w);
        }
        List<int[]> windows = new ArrayList<>();
        for (int y = 0; y + options.patch() <= h; y += options.stride()) {
            for (int xx = 0; xx + options.patch() <= w; xx += options.stride()) {
                windows.add(new int[] {y, xx});
            }
        }
        double[] full = TargetValues.of(target, adapter.logits(x, Mode.INFERENCE));
        double[][] drop = new double[windows.size()][batch];
        PointBatches.targetValues(adapter, target, batch, windows.size(), options.internalBatch(),
                (j, from, to) -> {
                    INDArray occluded = PointBatches.rows(x, from, to).dup();
                    occluded.get(window(windows.get(j))).assign(options.value());
                    return occluded;
                },
                (j, from, to, values) -> {
                    for (int n = from; n < to; n++) {
                        drop[j][n] = full[n] - values.getDouble(n - from);
                    }
                });
        int c = (int) x.size(1);
        double[] out = new double[batch * c * h * w];
        int[] count = new int[h * w];
        for (int[] win : windows) {
            forEachPixel(win, w, p -> count[p]++);
        }
        for (int j = 0; j < windows.size(); j++) {
            int jj = j;
            for (int n = 0; n < batch; n++) {
                int nn = n;
                forEachPixel(windows.get(j), w, p -> {
                    for (int ch = 0; ch < c; ch++) {
                        out[(nn * c + ch) * h * w + p] += drop[jj][nn] / count[p];
                    }
                });
            }
        }
        return Nd4j.create(out, x.shape(), DataType.DOUBLE).castTo(x.dataType());
    }

    private INDArrayIndex[] window(int[] win) {
        return new INDArrayIndex[] {NDArrayIndex.all(), NDArrayIndex.all(),
            NDArrayIndex.interval(win[0], win[0] + options.patch()),
            NDArrayIndex.interval(win[1], win[1] + options.patch())};
    }

    private void forEachPixel(int[] win, int width, java.util.function.IntConsumer f) {
        for (int y = win[0]; y < win[0] + options.patch(); y++) {
            for (int xx = win[1]; xx < win[1] + options.patch(); xx++) {
                f.accept(y * width + xx);
            }
        }
    }
}
