package org.xai4j.attribution;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.xai4j.model.GatedGraph;
import org.xai4j.model.Mode;
import org.xai4j.model.ModelAdapter;
import org.xai4j.model.NeuronGates;
import org.xai4j.model.Target;

/**
 * PathwayGrad (Khakzar, Baselizadeh, Khanduja, Rupprecht, Kim and Navab, "Neural response interpretation through the
 * lens of critical pathways", CVPR 2021; the attribution dissertation's chapter 5): the input gradient through the
 * critical pathway of the explained output. Neurons are the elements of every ReLU output ({@link GatedGraph}); their
 * contribution is NeuronMCT {@code |a * dS/da|} ({@code pathwaygrad}) or NeuronIntGrad, Integrated Gradients on each
 * layer's activations with a zero baseline, {@code |a * int_0^1 dS/da(alpha a) dalpha|} ({@code pathwaygrad-ig}).
 * Ranked network-wide per image, the lowest {@code sparsity} fraction leaves the pathway; in the surrogate network
 * every neuron outside it is a constant equal to its value, so the forward pass is unchanged and gradients flow only
 * through the pathway. Sparsity 0 gives the plain gradient. Optional grey-level morphological opening of the map's
 * magnitude (square structuring element of radius {@code opening}). Defaults: 70% sparsity (ResNet, DenseNet), 90%
 * for VGG, as the dissertation; 50 Gauss-Legendre steps for NeuronIntGrad.
 */
public final class PathwayGrad implements Attribution {
    /** How neurons are ranked. */
    public enum Contribution {
        MCT, INTGRAD
    }

    /**
     * @param sparsity the fraction of neurons left out of the pathway; default 0.9 for VGG, 0.7 otherwise
     * @param steps    quadrature points of NeuronIntGrad; default 50
     * @param opening  radius of the morphological opening of |map| in pixels, 0 for none; default 0
     */
    public record Options(Double sparsity, Integer steps, Integer opening) {
        public Options {
            steps = steps == null ? 50 : steps;
            opening = opening == null ? 0 : opening;
            if (sparsity != null && !(sparsity >= 0 && sparsity < 1)) {
                throw new IllegalArgumentException("sparsity: must be in [0, 1), got " + sparsity);
            }
            if (steps < 1 || opening < 0) {
                throw new IllegalArgumentException("pathwaygrad: need steps >= 1 and opening >= 0, got steps " + steps
                        + ", opening " + opening);
            }
        }

        public static Options defaults() {
            return new Options(null, null, null);
        }
    }

    private final String name;
    private final Contribution contribution;
    private final Options options;
    private final double sparsity;
    private final ModelAdapter surrogate;
    private final NeuronGates gates;

    public PathwayGrad(String name, ModelAdapter adapter, Contribution contribution, Options options) {
        this.name = name;
        this.contribution = contribution;
        this.options = options;
        String architecture = adapter.classifier().description().options().architecture();
        this.sparsity = options.sparsity() != null ? options.sparsity() : architecture.startsWith("vgg") ? 0.9 : 0.7;
        GatedGraph gated = GatedGraph.of(adapter.classifier());
        this.surrogate = new ModelAdapter(gated.classifier());
        this.gates = gated.gates();
    }

    @Override
    public String name() {
        return name;
    }

    /** The fraction of neurons left out of the pathway. */
    public double sparsity() {
        return sparsity;
    }

    @Override
    public INDArray attribute(INDArray inputs, Target target) {
        INDArray x = Inputs.owned(inputs, surrogate);
        try {
            Map<String, INDArray> acts = new LinkedHashMap<>();
            Map<String, INDArray> scores = contributions(x, target, acts);
            scores.replaceAll((l, c) -> Transforms.abs(c));
            Map<String, INDArray> keep = pathway(scores, (int) x.size(0));
            gates.reset();
            keep.forEach((layer, k) -> gates.pathway(layer, k, acts.get(layer)));
            INDArray g = surrogate.inputGradient(x, target, Mode.INFERENCE);
            return options.opening() == 0 ? g : Opening.apply(Transforms.abs(g), options.opening());
        } finally {
            gates.reset();
        }
    }

    /**
     * The signed contribution of every neuron (by layer, shaped as the layer's activations, in double; the ranking
     * uses their magnitude) and, into {@code acts}, the activations themselves.
     */
    public Map<String, INDArray> contributions(INDArray inputs, Target target, Map<String, INDArray> acts) {
        INDArray x = Inputs.owned(inputs, surrogate);
        int n = (int) x.size(0);
        gates.reset();
        gates.recording(true);
        surrogate.inputGradient(x, target, Mode.INFERENCE);
        Map<String, INDArray> out = new LinkedHashMap<>();
        for (String l : gates.layers()) {
            acts.put(l, rows(gates.activation(l), n));
            out.put(l, rows(gates.activation(l), n).mul(rows(gates.gradient(l), n)));
        }
        if (contribution == Contribution.INTGRAD) {
            Quadrature.Nodes q = Quadrature.GAUSS_LEGENDRE.nodes(options.steps());
            for (String l : gates.layers()) {
                INDArray integral = Nd4j.zeros(DataType.DOUBLE, acts.get(l).shape());
                for (int i = 0; i < q.alphas().length; i++) {
                    gates.scale(l, q.alphas()[i]);
                    surrogate.inputGradient(x, target, Mode.INFERENCE);
                    integral.addi(rows(gates.gradient(l), n).castTo(DataType.DOUBLE).muli(q.weights()[i]));
                }
                gates.scale(l, 1);
                out.put(l, acts.get(l).castTo(DataType.DOUBLE).mul(integral));
            }
        }
        gates.reset();
        out.replaceAll((l, s) -> s.castTo(DataType.DOUBLE));
        return out;
    }

    /** Per image, 1 for the neurons kept: all but the {@code sparsity} fraction with the lowest scores. */
    private Map<String, INDArray> pathway(Map<String, INDArray> scores, int n) {
        Map<String, INDArray> keep = new LinkedHashMap<>();
        scores.forEach((l, s) -> keep.put(l, Nd4j.ones(DataType.DOUBLE, s.shape())));
        for (int img = 0; img < n; img++) {
            List<double[]> perLayer = new ArrayList<>();
            int total = 0;
            for (INDArray s : scores.values()) {
                double[] v = s.get(NDArrayIndex.point(img)).dup('c').data().asDouble();
                perLayer.add(v);
                total += v.length;
            }
            int prune = (int) Math.floor(sparsity * total);
            if (prune == 0) {
                continue;
            }
            double[] all = new double[total];
            int at = 0;
            for (double[] v : perLayer) {
                System.arraycopy(v, 0, all, at, v.length);
                at += v.length;
            }
            Integer[] order = new Integer[total];
            for (int i = 0; i < total; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> Double.compare(all[a], all[b]));
            boolean[] pruned = new boolean[total];
            for (int i = 0; i < prune; i++) {
                pruned[order[i]] = true;
            }
            at = 0;
            for (Map.Entry<String, INDArray> e : keep.entrySet()) {
                INDArray k = e.getValue().get(NDArrayIndex.point(img));
                long len = k.length();
                double[] mask = new double[(int) len];
                for (int i = 0; i < len; i++) {
                    mask[i] = pruned[at + i] ? 0 : 1;
                }
                k.assign(Nd4j.create(mask, k.shape(), 'c'));
                at += (int) len;
            }
        }
        return keep;
    }

    /** The first n rows (the adapter pads a single image to two). */
    private static INDArray rows(INDArray a, int n) {
        return a.size(0) == n ? a.dup() : a.get(NDArrayIndex.interval(0, n)).dup();
    }
}
