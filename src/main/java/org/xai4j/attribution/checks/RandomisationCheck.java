package org.xai4j.attribution.checks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.attribution.Attribution;
import org.xai4j.metrics.SpearmanCorrelation;
import org.xai4j.metrics.Ssim;
import org.xai4j.model.Classifier;
import org.xai4j.model.InspectableGraph;
import org.xai4j.model.ModelAdapter;
import org.xai4j.model.Target;

/**
 * The cascading parameter-randomisation sanity check (Adebayo, Gilmer, Muelly, Goodfellow, Hardt and Kim, "Sanity
 * checks for saliency maps", NeurIPS 2018): starting at the logits and going down, the parameters of one more layer
 * (or layer group) at a time are re-initialised, and the maps of the randomised model are compared with the original
 * ones. A method that depends on the model should give quickly falling similarities. Everything happens on a
 * private copy ({@link ModelCopies}); the caller's model is only read.
 *
 * <p>Similarities per example, averaged over the batch (NaN values, e.g. constant maps, are skipped): Spearman rank
 * correlation of the channel-summed absolute maps and of the channel-summed signed maps, and SSIM ({@link Ssim}) of
 * the absolute maps each scaled to [0, 1] by its maximum (NaN for images smaller than 7x7).
 */
public final class RandomisationCheck {
    private RandomisationCheck() {
    }

    /** What is randomised at each step. */
    public enum Granularity {
        /** every layer with parameters, one per step, in reverse topological order */
        LAYERS,
        /** the {@code ModelDescription} layer groups, ordered by their last layer, head first */
        GROUPS
    }

    /**
     * @param granularity layers or groups
     * @param seed        seed of the re-initialised weights
     */
    public record Options(Granularity granularity, long seed) {
        public Options {
            if (granularity == null) {
                throw new IllegalArgumentException("randomisation: granularity must be given");
            }
        }
    }

    /**
     * One cascade step.
     *
     * @param step           1-based
     * @param name           the layer or group randomised at this step (all above it stay randomised)
     * @param layers         the layers re-initialised at this step
     * @param spearmanAbs    mean Spearman correlation of |map| with the original
     * @param spearmanSigned mean Spearman correlation of the signed map with the original
     * @param ssim           mean SSIM of the [0, 1]-scaled |map| with the original
     */
    public record Step(int step, String name, List<String> layers, double spearmanAbs, double spearmanSigned,
                       double ssim) {
    }

    /**
     * @param model  the caller's model (read only)
     * @param method builds the attribution method for a given adapter (called for the original and for the copy)
     */
    public static List<Step> run(Classifier model, Function<ModelAdapter, Attribution> method, INDArray inputs,
                                 Target target, Options options) {
        INDArray original = method.apply(new ModelAdapter(model)).attribute(inputs, target);
        Classifier copy = ModelCopies.copy(model);
        InspectableGraph fresh = ModelCopies.fresh(model, options.seed());
        Attribution onCopy = method.apply(new ModelAdapter(copy));
        List<Step> steps = new ArrayList<>();
        int k = 0;
        for (Map.Entry<String, List<String>> e : cascade(model, options.granularity()).entrySet()) {
            for (String layer : e.getValue()) {
                copy.graph().getLayer(layer).params().assign(fresh.getLayer(layer).params());
            }
            INDArray randomised = onCopy.attribute(inputs, target);
            double[] sim = compare(original, randomised);
            steps.add(new Step(++k, e.getKey(), e.getValue(), sim[0], sim[1], sim[2]));
        }
        return steps;
    }

    /** Step name -> layers re-initialised at that step, head first; layers without parameters are skipped. */
    static Map<String, List<String>> cascade(Classifier model, Granularity granularity) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        InspectableGraph g = model.graph();
        if (granularity == Granularity.LAYERS) {
            int[] order = g.topologicalSortOrder();
            for (int i = order.length - 1; i >= 0; i--) {
                GraphVertex v = g.getVertices()[order[i]];
                if (v.hasLayer() && v.getLayer().numParams() > 0) {
                    out.put(v.getVertexName(), List.of(v.getVertexName()));
                }
            }
        } else {
            // groups ordered by the topological position of their last layer, head first
            Map<String, Integer> position = new LinkedHashMap<>();
            int[] order = g.topologicalSortOrder();
            for (int i = 0; i < order.length; i++) {
                position.put(g.getVertices()[order[i]].getVertexName(), i);
            }
            List<Map.Entry<String, List<String>>> groups = new ArrayList<>(model.description().layerGroups().entrySet());
            groups.sort(java.util.Comparator.comparingInt((Map.Entry<String, List<String>> e) -> e.getValue().stream()
                    .mapToInt(position::get).max().orElse(-1)).reversed());
            for (Map.Entry<String, List<String>> e : groups) {
                List<String> layers = new ArrayList<>();
                for (String l : e.getValue()) {
                    if (g.getLayer(l).numParams() > 0) {
                        layers.add(l);
                    }
                }
                if (!layers.isEmpty()) {
                    out.put(e.getKey(), List.copyOf(layers));
                }
            }
        }
        return out;
    }

    /** {mean Spearman |.|, mean Spearman signed, mean SSIM} over the examples. */
    static double[] compare(INDArray a, INDArray b) {
        int n = (int) a.size(0);
        int h = (int) a.size(2);
        int w = (int) a.size(3);
        double[] sums = new double[3];
        int[] counts = new int[3];
        for (int i = 0; i < n; i++) {
            double[][] ma = reduce(a, i, h * w);
            double[][] mb = reduce(b, i, h * w);
            double[] v = {SpearmanCorrelation.of(ma[0], mb[0]), SpearmanCorrelation.of(ma[1], mb[1]),
                h >= Ssim.WINDOW && w >= Ssim.WINDOW ? Ssim.of(scaled(ma[0]), scaled(mb[0]), w, 1) : Double.NaN};
            for (int k = 0; k < 3; k++) {
                if (!Double.isNaN(v[k])) {
                    sums[k] += v[k];
                    counts[k]++;
                }
            }
        }
        return new double[] {mean(sums[0], counts[0]), mean(sums[1], counts[1]), mean(sums[2], counts[2])};
    }

    /** {sum_c |a|, sum_c a} of one example. */
    private static double[][] reduce(INDArray maps, int example, int hw) {
        double[] v = maps.get(org.nd4j.linalg.indexing.NDArrayIndex.point(example)).castTo(DataType.DOUBLE).dup()
                .data().asDouble();
        double[] abs = new double[hw];
        double[] signed = new double[hw];
        for (int i = 0; i < v.length; i++) {
            abs[i % hw] += Math.abs(v[i]);
            signed[i % hw] += v[i];
        }
        return new double[][] {abs, signed};
    }

    private static double[] scaled(double[] v) {
        double max = Arrays.stream(v).max().orElse(0);
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = max > 0 ? v[i] / max : 0;
        }
        return out;
    }

    private static double mean(double sum, int count) {
        return count == 0 ? Double.NaN : sum / count;
    }
}
