package org.xai4j.attribution;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.model.Mode;
import org.xai4j.model.ModelAdapter;
import org.xai4j.model.Target;

/**
 * Integrated Gradients (Sundararajan, Taly and Yan, "Axiomatic attribution for deep networks", ICML 2017):
 * {@code (x - b) * int_0^1 dT/dx(b + a (x - b)) da}, the integral approximated by a {@link Quadrature} of
 * {@code steps} nodes. All N x steps points are evaluated in chunks of {@code internalBatch} rows (Captum's
 * {@code internal_batch_size}), so memory is bounded and batching the points costs no extra passes. Completeness:
 * the attributions of an example sum to {@code T(x) - T(b)} up to the quadrature error
 * ({@link #attributeWithDelta}).
 */
public final class IntegratedGradients implements Attribution {
    private final ModelAdapter adapter;
    private final Options options;

    /**
     * @param steps         number of quadrature nodes (METHODS.md: 50)
     * @param quadrature    the rule (Captum's default: Gauss-Legendre)
     * @param baseline      the reference input
     * @param internalBatch rows (points x examples) per model pass
     */
    public record Options(Integer steps, Quadrature quadrature, Baseline baseline, Integer internalBatch) {
        public Options {
            steps = steps == null ? 50 : steps;
            quadrature = quadrature == null ? Quadrature.GAUSS_LEGENDRE : quadrature;
            baseline = baseline == null ? Baseline.zero() : baseline;
            internalBatch = internalBatch == null ? 64 : internalBatch;
            if (steps < 1) {
                throw new IllegalArgumentException("steps: must be >= 1, got " + steps);
            }
            if (internalBatch < 1) {
                throw new IllegalArgumentException("internalBatch: must be >= 1, got " + internalBatch);
            }
            quadrature.nodes(steps); // validates steps for the rule
        }

        /** 50 Gauss-Legendre steps from a zero baseline, 64 rows per pass. */
        public static Options defaults() {
            return new Options(null, null, null, null);
        }
    }

    /**
     * Attributions with their completeness delta.
     *
     * @param attributions N x C x H x W
     * @param delta        N: {@code sum(attributions_n) - (T(x_n) - T(b_n))}
     */
    public record Result(INDArray attributions, INDArray delta) {
    }

    public IntegratedGradients(ModelAdapter adapter, Options options) {
        this.adapter = adapter;
        this.options = options;
    }

    public IntegratedGradients(ModelAdapter adapter) {
        this(adapter, Options.defaults());
    }

    public Options options() {
        return options;
    }

    @Override
    public String name() {
        return "ig";
    }

    @Override
    public INDArray attribute(INDArray inputs, Target target) {
        INDArray x = Inputs.owned(inputs, adapter);
        return integrate(x, options.baseline().of(x).castTo(x.dataType()), target);
    }

    /** Attributions and the completeness delta (two extra forward passes). */
    public Result attributeWithDelta(INDArray inputs, Target target) {
        INDArray x = Inputs.owned(inputs, adapter);
        INDArray b = options.baseline().of(x).castTo(x.dataType());
        INDArray a = integrate(x, b, target);
        double[] fx = TargetValues.of(target, adapter.logits(x, Mode.INFERENCE));
        double[] fb = TargetValues.of(target, adapter.logits(b, Mode.INFERENCE));
        double[] delta = new double[fx.length];
        for (int n = 0; n < delta.length; n++) {
            delta[n] = a.slice(n).sumNumber().doubleValue() - (fx[n] - fb[n]);
        }
        return new Result(a, Nd4j.createFromArray(delta));
    }

    private INDArray integrate(INDArray x, INDArray b, Target target) {
        Quadrature.Nodes nodes = options.quadrature().nodes(options.steps());
        INDArray diff = x.sub(b);
        INDArray acc = Nd4j.zeros(x.dataType(), x.shape());
        int batch = (int) x.size(0);
        PointBatches.gradients(adapter, target, batch, options.steps(), options.internalBatch(),
                (s, from, to) -> {
                    return PointBatches.rows(b, from, to).add(PointBatches.rows(diff, from, to).mul(nodes.alphas()[s]));
                },
                (s, from, to, g) -> PointBatches.rows(acc, from, to).addi(g.mul(nodes.weights()[s])));
        return acc.muli(diff);
    }
}
