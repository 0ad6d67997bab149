package org.xai4j.attribution;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.model.Mode;
import org.xai4j.model.ModelAdapter;
import org.xai4j.model.ModelDescription;
import org.xai4j.model.TapResult;
import org.xai4j.model.Target;

/**
 * The template shared by the CAM family (pytorch-grad-cam's {@code BaseCAM}): at a named tap with activations
 * {@code A} (N x K x h x w), the map is {@code relu(sum_k w_k A^k)}, upsampled bilinearly to the input size
 * ({@link Bilinear}, half-pixel centres as OpenCV) and broadcast over the input channels. Subclasses only say how the
 * channel weights {@code w} are computed from the tap's activations and gradients. The model runs in inference mode
 * through {@link ModelAdapter#tap} (BN-folded twin). Maps are not rescaled (display rescales, METHODS.md 3.2).
 */
public abstract class ClassActivationMap implements Attribution {
    /**
     * The options of every CAM method.
     *
     * @param tap the named tap the map is computed at (default {@code last_conv})
     */
    public record Options(String tap) {
        public Options {
            tap = tap == null ? ModelDescription.LAST_CONV : tap.trim();
            if (tap.isEmpty()) {
                throw new IllegalArgumentException("tap: must name a tap of the model, got an empty name");
            }
        }

        /** At {@code last_conv}. */
        public static Options defaults() {
            return new Options(null);
        }
    }

    private final ModelAdapter adapter;
    private final String tap;

    protected ClassActivationMap(ModelAdapter adapter, String tap) {
        this.adapter = adapter;
        this.tap = tap;
        adapter.classifier().description().tapVertex(tap); // fails early, naming the known taps
    }

    /** The tap the map is computed at. */
    public String tap() {
        return tap;
    }

    protected ModelAdapter adapter() {
        return adapter;
    }

    /**
     * Channel weights, N x K.
     *
     * @param tap            logits, activations and dT/dA at the tap (owned copies, double precision)
     * @param outputGradient dT/dz, N x numOutputs (double precision)
     */
    protected abstract INDArray channelWeights(TapResult tap, INDArray outputGradient);

    @Override
    public INDArray attribute(INDArray inputs, Target target) {
        INDArray x = Inputs.owned(inputs, adapter);
        INDArray low = lowResolution(x, target);
        int n = (int) x.size(0);
        int c = (int) x.size(1);
        int outH = (int) x.size(2);
        int outW = (int) x.size(3);
        int h = (int) low.size(1);
        int w = (int) low.size(2);
        double[] all = low.data().asDouble();
        double[] out = new double[n * c * outH * outW];
        for (int i = 0; i < n; i++) {
            double[] map = java.util.Arrays.copyOfRange(all, i * h * w, (i + 1) * h * w);
            double[] up = Bilinear.resize(map, h, w, outH, outW);
            for (int ch = 0; ch < c; ch++) {
                System.arraycopy(up, 0, out, (i * c + ch) * outH * outW, up.length);
            }
        }
        return Nd4j.create(out, x.shape(), DataType.DOUBLE).castTo(x.dataType());
    }

    /** The map at the tap's resolution before upsampling: N x h x w (double). */
    public INDArray lowResolution(INDArray inputs, Target target) {
        INDArray x = Inputs.owned(inputs, adapter);
        TapResult raw = adapter.tap(x, tap, target, Mode.INFERENCE);
        if (raw.activations().rank() != 4) {
            throw new IllegalArgumentException(name() + ": tap '" + tap + "' has rank-" + raw.activations().rank()
                    + " activations; a CAM needs a spatial (N x K x h x w) feature map");
        }
        TapResult t = new TapResult(raw.logits().castTo(DataType.DOUBLE), raw.activations().castTo(DataType.DOUBLE),
                raw.gradient().castTo(DataType.DOUBLE));
        INDArray dTdz = target.outputGradient(t.logits().dup()).castTo(DataType.DOUBLE);
        INDArray weights = channelWeights(t, dTdz);
        long n = t.activations().size(0);
        long k = t.activations().size(1);
        long hw = t.activations().size(2) * t.activations().size(3);
        INDArray a = t.activations().dup().reshape(n, k, hw);
        INDArray cam = Nd4j.zeros(DataType.DOUBLE, n, hw);
        for (int i = 0; i < n; i++) {
            // (1 x K) . (K x hw)
            cam.putRow(i, weights.getRow(i).reshape(1, k).mmul(a.slice(i)).reshape(hw));
        }
        return org.nd4j.linalg.ops.transforms.Transforms.relu(cam, false)
                .reshape(n, t.activations().size(2), t.activations().size(3));
    }
}
