package org.xai4j.attribution;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.model.HeadGraph;
import org.xai4j.model.ModelAdapter;
import org.xai4j.model.Target;

/**
 * Integrated Gradients on the activations of a tap (semantic attribution, the attribution dissertation's chapter 9):
 * {@code s_k^i = A_k^i * integral_0^1 dT/dA_k^i(alpha A) dalpha} with a zero baseline, computed on the part of the
 * model above the tap ({@link HeadGraph}: only those layers are recomputed). Complete:
 * {@code sum_{k,i} s_k^i = T(x) - T(tap = 0)}. {@link #unitContributions} gives the per-unit contributions
 * (N x K x h x w); as an attribution method ({@code unit-ig}) the map is their sum over the units, upsampled
 * bilinearly to the input size and broadcast over the input channels.
 */
public final class UnitIntegratedGradients implements Attribution {
    /**
     * @param tap   the tap whose units are attributed; default {@code last_conv}
     * @param steps quadrature points (Gauss-Legendre); default 50
     */
    public record Options(String tap, Integer steps) {
        public Options {
            tap = tap == null || tap.isBlank() ? "last_conv" : tap.trim();
            steps = steps == null ? 50 : steps;
            if (steps < 1) {
                throw new IllegalArgumentException("steps: must be >= 1, got " + steps);
            }
        }

        public static Options defaults() {
            return new Options(null, null);
        }
    }

    private final ModelAdapter adapter;
    private final Options options;
    private final IntegratedGradients onActivations;

    public UnitIntegratedGradients(ModelAdapter adapter, Options options) {
        this.adapter = adapter;
        this.options = options;
        ModelAdapter head = new ModelAdapter(HeadGraph.above(adapter.classifier(), options.tap()));
        this.onActivations = new IntegratedGradients(head, new IntegratedGradients.Options(options.steps(), null,
                Baseline.zero(), null));
    }

    @Override
    public String name() {
        return "unit-ig";
    }

    /** The tap whose units are attributed. */
    public String tap() {
        return options.tap();
    }

    /** The contributions of every unit and position, N x K x h x w, and the completeness delta per image. */
    public IntegratedGradients.Result unitContributions(INDArray inputs, Target target) {
        return onActivations.attributeWithDelta(adapter.activations(Inputs.owned(inputs, adapter), options.tap()),
                target);
    }

    @Override
    public INDArray attribute(INDArray inputs, Target target) {
        INDArray s = unitContributions(inputs, target).attributions().castTo(DataType.DOUBLE);
        return Bilinear.upsampleBroadcast(s.sum(1), inputs.shape()).castTo(inputs.dataType());
    }
}
