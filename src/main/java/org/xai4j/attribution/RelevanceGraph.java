package org.xai4j.attribution;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.xai4j.model.BatchNormAffine;
import org.xai4j.model.Convolutions;
import org.xai4j.model.InspectableGraph;
import org.xai4j.model.InstanceNormalization;
import org.xai4j.model.InstanceNormalizationParams;
import org.xai4j.model.ModelAdapter;

/**
 * The backward relevance pass of LRP over a classifier's DL4J graph, vertex by vertex in reverse topological order,
 * in double precision. Linear layers (convolutions, dense layers) take the rule their position gets from the
 * composite ({@link Lrp.Options}: the first layer, the other convolutions, the dense layers); a BatchNorm right after
 * a convolution (its only consumer) is folded into it first, a BatchNorm elsewhere (DenseNet's pre-activation) is an
 * element-wise affine map under the epsilon rule, and so is instance normalisation, with each image's statistics
 * held constant (so epsilon-LRP is not Input x Gradient through it). Element-wise activations pass relevance through; max pooling gives
 * it to each window's maximum (winner takes all); average pooling, global average pooling and residual additions
 * split it by contribution (epsilon rule); channel concatenations split it by channel. Other vertices are refused,
 * naming the vertex.
 */
final class RelevanceGraph {
    /** One vertex: the relevance of its inputs (by input vertex name) from that of its output. */
    private interface Step {
        Map<String, INDArray> backward(Map<String, INDArray> acts, INDArray r);
    }

    private final ModelAdapter adapter;
    private final String input;
    private final String logits;
    private final List<String> reverseOrder = new ArrayList<>();
    private final Map<String, Step> steps = new HashMap<>();
    private final LrpRule.Constants constants;

    RelevanceGraph(ModelAdapter adapter, LrpRule first, LrpRule conv, LrpRule dense, LrpRule.Constants constants) {
        this.adapter = adapter;
        this.constants = constants;
        this.input = adapter.classifier().description().inputName();
        this.logits = adapter.classifier().description().logitsName();
        InspectableGraph g = adapter.graph();
        ComputationGraphConfiguration conf = g.getConfiguration();
        Map<String, List<String>> inputs = conf.getVertexInputs();
        Map<String, List<String>> consumers = new HashMap<>();
        inputs.forEach((v, in) -> in.forEach(i -> consumers.computeIfAbsent(i, k -> new ArrayList<>()).add(v)));
        for (int idx : g.topologicalSortOrder()) {
            String v = g.getVertices()[idx].getVertexName();
            reverseOrder.add(0, v);
            if (v.equals(input)) {
                continue;
            }
            GraphVertex vertex = conf.getVertices().get(v);
            List<String> in = inputs.get(v);
            if (vertex instanceof ElementWiseVertex e && e.getOp() == ElementWiseVertex.Op.Add) {
                steps.put(v, (acts, r) -> add(in, acts, acts.get(v), r));
            } else if (vertex instanceof MergeVertex m && m.getMergeAxis() == 1) {
                steps.put(v, (acts, r) -> concat(in, acts, r));
            } else if (vertex instanceof LayerVertex lv) {
                Step s = layerStep(v, lv, in.get(0), conf, consumers, first, conv, dense);
                if (s != null) {
                    steps.put(v, s);
                }
            } else {
                throw refuse(v, vertex.getClass().getSimpleName());
            }
        }
    }

    /** Relevance of the inputs for the target's share of the logits, {@code R_logits = dT/dz * z}; N x C x H x W. */
    INDArray relevance(INDArray x, org.xai4j.model.Target target) {
        Map<String, INDArray> acts = new HashMap<>();
        adapter.vertexActivations(x).forEach((k, a) -> acts.put(k, a.castTo(DataType.DOUBLE)));
        INDArray z = acts.get(logits);
        Map<String, INDArray> r = new HashMap<>();
        r.put(logits, target.outputGradient(z.dup()).castTo(DataType.DOUBLE).muli(z));
        for (String v : reverseOrder) {
            INDArray rv = r.remove(v);
            if (rv == null || v.equals(input)) {
                if (v.equals(input)) {
                    return rv == null ? Nd4j.zeros(DataType.DOUBLE, x.shape()) : rv;
                }
                continue;
            }
            steps.get(v).backward(acts, rv).forEach((to, part) -> r.merge(to, part, INDArray::addi));
        }
        throw new IllegalStateException("the relevance pass did not reach the input vertex '" + input + "'");
    }

    private Step layerStep(String v, LayerVertex lv, String in, ComputationGraphConfiguration conf,
                           Map<String, List<String>> consumers, LrpRule first, LrpRule conv, LrpRule dense) {
        var l = lv.getLayerConf().getLayer();
        if (l instanceof BaseLayer b && b.getActivationFn() instanceof ActivationSoftmax) {
            throw refuse(v, "softmax activation");
        }
        if (lv.getPreProcessor() != null && !(lv.getPreProcessor() instanceof CnnToFeedForwardPreProcessor
                && l instanceof DenseLayer)) {
            throw refuse(v, "input preprocessor " + lv.getPreProcessor().getClass().getSimpleName());
        }
        if (l.getClass() == ConvolutionLayer.class) {
            if (foldedIntoBatchNorm(v, conf, consumers)) {
                return null; // the BatchNorm after it carries the folded convolution
            }
            int[] args = Convolutions.arguments((ConvolutionLayer) l, v);
            INDArray w = param(v, "W");
            INDArray b = ((ConvolutionLayer) l).hasBias() ? param(v, "b") : null;
            return linear(in, convMap(w, b, args), in.equals(input) ? first : conv);
        }
        if (l instanceof BatchNormalization) {
            BatchNormAffine affine = BatchNormAffine.of(adapter.graph().getLayer(v));
            INDArray scale = affine.scale().castTo(DataType.DOUBLE);
            INDArray shift = affine.shift().castTo(DataType.DOUBLE);
            if (foldedIntoBatchNorm(in, conf, consumers)) {
                ConvolutionLayer c = (ConvolutionLayer) layerOf(conf, in);
                INDArray w = param(in, "W");
                INDArray folded = w.mul(scale.reshape(scale.length(), 1, 1, 1));
                INDArray b = c.hasBias() ? param(in, "b").reshape(-1).mul(scale).addi(shift) : shift;
                String convIn = conf.getVertexInputs().get(in).get(0);
                return linear(convIn, convMap(folded, b, Convolutions.arguments(c, in)),
                        convIn.equals(input) ? first : conv);
            }
            return (acts, r) -> {
                INDArray a = acts.get(in);
                long[] shape = a.rank() == 4 ? new long[] {1, scale.length(), 1, 1} : new long[] {1, scale.length()};
                INDArray y = acts.get(v);
                return Map.of(in, a.mul(scale.reshape(shape)).muli(r).divi(LrpRule.stabilised(y,
                        constants.epsilon())));
            };
        }
        if (l instanceof InstanceNormalization norm) {
            INDArray gamma = param(v, InstanceNormalizationParams.GAMMA).reshape(1, -1, 1, 1);
            return (acts, r) -> {
                // y = s x + t per image and channel, with the image's statistics held constant (as a BatchNorm)
                INDArray a = acts.get(in);
                INDArray mean = a.mean(2, 3).reshape(a.size(0), a.size(1), 1, 1);
                INDArray centred = a.sub(mean.broadcast(a.shape()));
                INDArray sigma = org.nd4j.linalg.ops.transforms.Transforms.sqrt(centred.mul(centred).mean(2, 3)
                        .addi(norm.getEps()), false).reshape(a.size(0), a.size(1), 1, 1);
                INDArray scale = gamma.broadcast(sigma.shape()).div(sigma).broadcast(a.shape());
                return Map.of(in, a.mul(scale).muli(r).divi(LrpRule.stabilised(acts.get(v), constants.epsilon())));
            };
        }
        if (l instanceof DenseLayer d) {
            INDArray w = param(v, "W");
            INDArray b = d.hasBias() ? param(v, "b") : null;
            Step s = linear(in, denseMap(w, b), in.equals(input) ? first : dense);
            return (acts, r) -> {
                INDArray a = acts.get(in);
                if (a.rank() == 2) {
                    return s.backward(acts, r);
                }
                Map<String, INDArray> flat = new HashMap<>(acts);
                flat.put(in, a.reshape('c', a.size(0), a.length() / a.size(0)));
                return Map.of(in, s.backward(flat, r).get(in).reshape('c', a.shape()));
            };
        }
        if (l instanceof ActivationLayer) {
            return (acts, r) -> Map.of(in, r);
        }
        if (l.getClass() == SubsamplingLayer.class) {
            SubsamplingLayer p = (SubsamplingLayer) l;
            int[] args = Convolutions.poolingArguments(p, v);
            if (p.getPoolingType() == PoolingType.MAX) {
                return (acts, r) -> Map.of(in, Convolutions.poolTranspose(PoolingType.MAX, acts.get(in), r, args));
            }
            if (p.getPoolingType() == PoolingType.AVG) {
                return (acts, r) -> {
                    INDArray a = acts.get(in);
                    INDArray s = r.div(LrpRule.stabilised(acts.get(v), constants.epsilon()));
                    return Map.of(in, a.mul(Convolutions.poolTranspose(PoolingType.AVG, a, s, args)));
                };
            }
            throw refuse(v, p.getPoolingType() + " pooling");
        }
        if (l instanceof GlobalPoolingLayer gp && gp.getPoolingType() == PoolingType.AVG && gp.isCollapseDimensions()) {
            return (acts, r) -> {
                INDArray a = acts.get(in);
                double area = (double) a.size(2) * a.size(3);
                INDArray s = r.div(LrpRule.stabilised(acts.get(v), constants.epsilon())).divi(area)
                        .reshape(a.size(0), a.size(1), 1, 1);
                return Map.of(in, a.mul(s.broadcast(a.shape())));
            };
        }
        throw refuse(v, l.getClass().getSimpleName());
    }

    private Step linear(String in, LrpRule.LinearMap map, LrpRule rule) {
        return (acts, r) -> Map.of(in, rule.relevance(map, acts.get(in), r, constants));
    }

    private static Map<String, INDArray> add(List<String> in, Map<String, INDArray> acts, INDArray out, INDArray r) {
        INDArray s = r.div(LrpRule.stabilised(out, 1e-12));
        Map<String, INDArray> parts = new LinkedHashMap<>();
        for (String i : in) {
            parts.merge(i, acts.get(i).mul(s), INDArray::addi);
        }
        return parts;
    }

    private static Map<String, INDArray> concat(List<String> in, Map<String, INDArray> acts, INDArray r) {
        Map<String, INDArray> parts = new LinkedHashMap<>();
        long from = 0;
        for (String i : in) {
            long c = acts.get(i).size(1);
            parts.merge(i, r.get(NDArrayIndex.all(), NDArrayIndex.interval(from, from + c)).dup(), INDArray::addi);
            from += c;
        }
        return parts;
    }

    private INDArray param(String vertex, String key) {
        return adapter.graph().getLayer(vertex).getParam(key).castTo(DataType.DOUBLE).dup();
    }

    private static LrpRule.LinearMap convMap(INDArray w, INDArray b, int[] args) {
        return new LrpRule.LinearMap(w, b, (x, weights, bias) -> Convolutions.forward(x, weights, bias, args),
                (x, weights, g) -> Convolutions.transpose(x, weights, g, args));
    }

    private static LrpRule.LinearMap denseMap(INDArray w, INDArray b) {
        return new LrpRule.LinearMap(w, b, (x, weights, bias) -> bias == null ? x.mmul(weights)
                : x.mmul(weights).addiRowVector(bias.reshape(1, bias.length())),
                (x, weights, g) -> g.mmul(weights.transpose()));
    }

    /** Whether {@code v} is a convolution whose only consumer is a BatchNorm (which LRP folds it into). */
    private static boolean foldedIntoBatchNorm(String v, ComputationGraphConfiguration conf,
                                               Map<String, List<String>> consumers) {
        var l = layerOf(conf, v);
        List<String> out = consumers.getOrDefault(v, List.of());
        return l != null && l.getClass() == ConvolutionLayer.class && out.size() == 1
                && layerOf(conf, out.get(0)) instanceof BatchNormalization;
    }

    private static org.deeplearning4j.nn.conf.layers.Layer layerOf(ComputationGraphConfiguration conf, String v) {
        return conf.getVertices().get(v) instanceof LayerVertex lv ? lv.getLayerConf().getLayer() : null;
    }

    private static IllegalArgumentException refuse(String vertex, String what) {
        return new IllegalArgumentException("lrp: vertex '" + vertex + "' (" + what + ") has no relevance rule; "
                + "supported: convolutions, dense layers, batch and instance normalisation, element-wise activations, max and average "
                + "pooling, global average pooling, residual additions and channel concatenations");
    }
}
