package org.xai4j.attribution;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.model.ModelAdapter;
import org.xai4j.model.Target;

/**
 * Multi-layer IBA (Khakzar et al., "Explaining COVID-19 and thoracic pathology model predictions by identifying
 * informative input features", MICCAI 2021; their {@code filtered_mask}): a per-sample bottleneck at several taps,
 * the map of the first (shallowest, finest) tap kept where every deeper tap's map, divided by its L2 norm, reaches a
 * threshold, and zero elsewhere. The published threshold 0.006 on 224 x 224 maps is relative to the value
 * {@code 1 / sqrt(H W)} a uniform map has after that division ({@code 0.006 * 224 = 1.344}); here the threshold is given
 * in that unit, so it means the same at every input size.
 */
public final class MultiLayerIba implements Attribution {
    /**
     * @param taps       the taps, first the one whose map is kept; default stage1, stage2, stage3 (the published first
     *                   three dense blocks)
     * @param threshold  a deeper map passes where {@code m / ||m||_2 >= threshold / sqrt(H W)}; default 1.344
     * @param bottleneck the settings of each tap's bottleneck (its tap is replaced); default the IBA defaults
     */
    public record Options(List<String> taps, Double threshold, InformationBottleneck.Options bottleneck) {
        public Options {
            taps = taps == null || taps.isEmpty() ? List.of("stage1", "stage2", "stage3") : List.copyOf(taps);
            threshold = threshold == null ? 1.344 : threshold;
            bottleneck = bottleneck == null ? InformationBottleneck.Options.defaults() : bottleneck;
            if (taps.size() < 2) {
                throw new IllegalArgumentException("taps: multi-layer IBA needs at least two taps, got " + taps);
            }
            if (!(threshold >= 0)) {
                throw new IllegalArgumentException("threshold: must be >= 0, got " + threshold);
            }
        }

        public static Options defaults() {
            return new Options(null, null, null);
        }
    }

    private final List<InformationBottleneck> bottlenecks = new ArrayList<>();
    private final double threshold;

    public MultiLayerIba(ModelAdapter adapter, Options options, ReferenceImages reference) {
        for (String tap : options.taps()) {
            bottlenecks.add(new InformationBottleneck(adapter, InformationBottleneck.Variant.PER_SAMPLE,
                    options.bottleneck().onTap(tap), reference));
        }
        this.threshold = options.threshold();
    }

    @Override
    public String name() {
        return "multilayer-iba";
    }

    @Override
    public INDArray attribute(INDArray inputs, Target target) {
        INDArray out = bottlenecks.get(0).attribute(inputs, target).castTo(DataType.DOUBLE);
        long n = inputs.size(0);
        double pixels = (double) inputs.size(2) * inputs.size(3);
        for (int t = 1; t < bottlenecks.size(); t++) {
            INDArray m = bottlenecks.get(t).attribute(inputs, target).castTo(DataType.DOUBLE);
            for (int i = 0; i < n; i++) {
                INDArray mi = m.slice(i).slice(0); // the map is broadcast over the input channels
                double norm = mi.norm2Number().doubleValue();
                INDArray pass = norm == 0 ? Nd4j.zerosLike(mi)
                        : mi.div(norm).gte(threshold / Math.sqrt(pixels)).castTo(DataType.DOUBLE);
                for (int c = 0; c < inputs.size(1); c++) {
                    out.slice(i).slice(c).muli(pass);
                }
            }
        }
        return out.castTo(inputs.dataType());
    }
}
