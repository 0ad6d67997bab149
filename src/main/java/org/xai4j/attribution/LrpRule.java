package org.xai4j.attribution;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The LRP rules for a linear layer {@code z_j = sum_i a_i w_ij + b_j} (Bach et al., "On pixel-wise explanations for
 * non-linear classifier decisions by layer-wise relevance propagation", PLoS ONE 2015; Montavon et al., "Layer-wise
 * relevance propagation: an overview", 2019; the names and modifiers of Zennit's rules). Every rule spreads the
 * relevance {@code R_j} of the outputs over the inputs in proportion to modified contributions; denominators are
 * stabilised as {@code z + epsilon * sign(z)} (sign(0) = 1).
 * <ul>
 * <li>{@link #EPSILON}: {@code R_i = a_i sum_j w_ij R_j / (z_j + eps)}.</li>
 * <li>{@link #GAMMA}: the generalised gamma rule (Zennit's {@code Gamma}; Montavon et al. 2019 for positive inputs):
 * an output with {@code z > 0} shares its relevance in proportion to the contributions of its sign boosted,
 * {@code a+ (w + gamma w+) + a- (w + gamma w-) + b + gamma b+}, an output with {@code z < 0} in proportion to
 * {@code a+ (w + gamma w-) + a- (w + gamma w+) + b + gamma b-}; for inputs >= 0 and positive outputs the original
 * rule with {@code w + gamma w+}.</li>
 * <li>{@link #ZPLUS}: only the positive contributions {@code a+ w+ + a- w- + b+}.</li>
 * <li>{@link #ALPHA_BETA}: {@code alpha} times the shares of the positive contributions {@code a+ w+ + a- w- + b+}
 * minus {@code beta} times those of the negative ones {@code a+ w- + a- w+ + b-} (conserves relevance when
 * {@code alpha - beta = 1}).</li>
 * <li>{@link #FLAT}: every input of an output's receptive field gets an equal share (weights and inputs set to 1);
 * for the first layer.</li>
 * <li>{@link #WSQUARE}: shares in proportion to {@code w_ij^2} (inputs set to 1).</li>
 * </ul>
 */
public enum LrpRule {
    EPSILON("epsilon"), GAMMA("gamma"), ZPLUS("zplus"), ALPHA_BETA("alpha-beta"), FLAT("flat"), WSQUARE("wsquare");

    private final String label;

    LrpRule(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The rule named {@code s}, or an IllegalArgumentException naming {@code key} and the rules. */
    public static LrpRule parse(String key, String s) {
        for (LrpRule r : values()) {
            if (r.label.equalsIgnoreCase(s.trim())) {
                return r;
            }
        }
        throw new IllegalArgumentException(key + ": expected one of " + Arrays.stream(values()).map(LrpRule::label)
                .toList() + ", got '" + s + "'");
    }

    /** Three arrays to one. */
    @FunctionalInterface
    interface ArrayMap {
        INDArray apply(INDArray x, INDArray weights, INDArray third);
    }

    /**
     * A linear layer with its parameters: {@code forward(x, w, b)} with any weights (b may be null) and
     * {@code transpose(x, w, g) = W^T g}, shaped as x.
     */
    record LinearMap(INDArray weights, INDArray bias, ArrayMap forward, ArrayMap transpose) {
        INDArray forward(INDArray x, INDArray w, INDArray b) {
            return forward.apply(x, w, b);
        }

        INDArray transpose(INDArray x, INDArray w, INDArray g) {
            return transpose.apply(x, w, g);
        }
    }

    /** The constants of the rules. */
    record Constants(double epsilon, double gamma, double alpha, double beta) {
    }

    /** The relevance of the layer's inputs {@code a} given that of its outputs {@code r} (all in double). */
    INDArray relevance(LinearMap m, INDArray a, INDArray r, Constants c) {
        INDArray w = m.weights();
        INDArray b = m.bias();
        return switch (this) {
            case EPSILON -> share(m, a, w, b, r, c.epsilon());
            case GAMMA -> gamma(m, a, w, b, r, c);
            case ZPLUS -> signed(m, a, positive(w), negative(w), b == null ? null : positive(b), r, c.epsilon());
            case ALPHA_BETA -> signed(m, a, positive(w), negative(w), b == null ? null : positive(b), r, c.epsilon())
                    .muli(c.alpha()).subi(signed(m, a, negative(w), positive(w), b == null ? null : negative(b), r,
                            c.epsilon()).muli(c.beta()));
            case FLAT -> uniform(m, a, Nd4j.onesLike(w), r, c.epsilon());
            case WSQUARE -> uniform(m, a, w.mul(w), r, c.epsilon());
        };
    }

    private static INDArray share(LinearMap m, INDArray a, INDArray w, INDArray b, INDArray r, double eps) {
        INDArray s = r.div(stabilised(m.forward(a, w, b), eps));
        return a.mul(m.transpose(a, w, s));
    }

    /** Shares of the contributions {@code a+ wa + a- wb + b} (wa on the positive inputs, wb on the negative ones). */
    private static INDArray signed(LinearMap m, INDArray a, INDArray wa, INDArray wb, INDArray b, INDArray r,
                                   double eps) {
        INDArray ap = positive(a);
        INDArray an = negative(a);
        INDArray z = m.forward(ap, wa, b).addi(m.forward(an, wb, null));
        INDArray s = r.div(stabilised(z, eps));
        return ap.mul(m.transpose(ap, wa, s)).addi(an.mul(m.transpose(an, wb, s)));
    }

    /** The generalised gamma rule: each output's relevance over the boosted contributions of its own sign. */
    private static INDArray gamma(LinearMap m, INDArray a, INDArray w, INDArray b, INDArray r, Constants c) {
        INDArray z = m.forward(a, w, b);
        INDArray up = w.add(positive(w).muli(c.gamma()));
        INDArray down = w.add(negative(w).muli(c.gamma()));
        INDArray rPos = r.mul(z.gt(0).castTo(r.dataType()));
        INDArray rNeg = r.mul(z.lt(0).castTo(r.dataType()));
        INDArray pos = signed(m, a, up, down, b == null ? null : b.add(positive(b).muli(c.gamma())), rPos,
                c.epsilon());
        return pos.addi(signed(m, a, down, up, b == null ? null : b.add(negative(b).muli(c.gamma())), rNeg,
                c.epsilon()));
    }

    private static INDArray uniform(LinearMap m, INDArray a, INDArray w, INDArray r, double eps) {
        INDArray ones = Nd4j.onesLike(a);
        INDArray s = r.div(stabilised(m.forward(ones, w, null), eps));
        return m.transpose(ones, w, s);
    }

    static INDArray stabilised(INDArray z, double eps) {
        INDArray sign = Transforms.sign(z).addi(z.eq(0).castTo(z.dataType())); // sign(0) = 1
        return z.add(sign.muli(eps));
    }

    private static INDArray positive(INDArray x) {
        return Transforms.max(x, 0.0, true);
    }

    private static INDArray negative(INDArray x) {
        return Transforms.min(x, 0.0, true);
    }
}
