package org.xai4j.attribution;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.model.ModelAdapter;
import org.xai4j.model.Target;

/**
 * Layer-wise relevance propagation (Bach et al., "On pixel-wise explanations for non-linear classifier decisions by
 * layer-wise relevance propagation", PLoS ONE 2015; Montavon et al., "Layer-wise relevance propagation: an overview",
 * 2019) with a composite of rules: one {@link LrpRule} for the first linear layer, one for the other convolutions and
 * one for the dense layers (as Zennit's composites; {@link RelevanceGraph} says how the other vertices pass relevance
 * on). The relevance starts at the target's share of the logits, {@code R = dT/dz * z} (the logit of the explained
 * class), and the map is the relevance of the input pixels (signed, N x C x H x W). Registered composites:
 * {@code lrp} (flat, gamma 0.25, epsilon: as Zennit's EpsilonGammaBox, flat first layer), {@code lrp-epsilon}
 * (epsilon everywhere: equals Input x Gradient as epsilon -> 0 on ReLU networks), {@code lrp-epsilon-plus-flat}
 * (flat, z+, epsilon) and {@code lrp-alpha2-beta1} (flat, alpha 2 beta 1, epsilon).
 */
public final class Lrp implements Attribution {
    /**
     * @param first   rule of the linear layer that reads the image; default flat
     * @param conv    rule of the other convolutions; default gamma
     * @param dense   rule of the dense layers; default epsilon
     * @param epsilon stabiliser of every denominator (and the epsilon rule's epsilon); default 1e-6
     * @param gamma   the gamma rule's weight of positive parameters; default 0.25
     * @param alpha   the alpha-beta rule's alpha; default 2
     * @param beta    the alpha-beta rule's beta; default 1
     */
    public record Options(String first, String conv, String dense, Double epsilon, Double gamma, Double alpha,
                          Double beta) {
        public Options {
            first = LrpRule.parse("first", first == null ? "flat" : first).label();
            conv = LrpRule.parse("conv", conv == null ? "gamma" : conv).label();
            dense = LrpRule.parse("dense", dense == null ? "epsilon" : dense).label();
            epsilon = epsilon == null ? 1e-6 : epsilon;
            gamma = gamma == null ? 0.25 : gamma;
            alpha = alpha == null ? 2.0 : alpha;
            beta = beta == null ? 1.0 : beta;
            if (!(epsilon > 0) || !(gamma >= 0) || !(beta >= 0) || !(alpha >= 1)) {
                throw new IllegalArgumentException("lrp options: need epsilon > 0, gamma >= 0, alpha >= 1 and "
                        + "beta >= 0, got epsilon " + epsilon + ", gamma " + gamma + ", alpha " + alpha + ", beta "
                        + beta);
            }
        }

        /** flat / gamma / epsilon. */
        public static Options defaults() {
            return new Options(null, null, null, null, null, null, null);
        }

        /** A composite of the given rules with the default constants. */
        public static Options of(LrpRule first, LrpRule conv, LrpRule dense) {
            return new Options(first.label(), conv.label(), dense.label(), null, null, null, null);
        }
    }

    private final String name;
    private final RelevanceGraph graph;

    public Lrp(String name, ModelAdapter adapter, Options o) {
        this.name = name;
        this.graph = new RelevanceGraph(adapter, LrpRule.parse("first", o.first()), LrpRule.parse("conv", o.conv()),
                LrpRule.parse("dense", o.dense()), new LrpRule.Constants(o.epsilon(), o.gamma(), o.alpha(),
                o.beta()));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public INDArray attribute(INDArray inputs, Target target) {
        return graph.relevance(inputs, target).castTo(inputs.dataType());
    }
}
