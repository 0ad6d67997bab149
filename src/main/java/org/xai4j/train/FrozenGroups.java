package org.xai4j.train;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.samediff.AbstractSameDiffLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.learning.config.NoOp;
import org.xai4j.model.ModelDescription;
import org.xai4j.step.TrainingStep;

/**
 * Layer groups held fixed while the rest of a network trains ({@code train.finetune.freeze}; robust fine-tuning of
 * Margeloiu et al. 2020). Decision: the frozen layers run as usual (BatchNorm normalises with batch statistics in
 * training mode, as in PyTorch's {@code requires_grad = False}), but every gradient entry of a frozen layer,
 * BatchNorm running-statistics deltas included, is set to 0 after each step ({@link FrozenStep}), and the frozen
 * layers get DL4J's {@link NoOp} updater and no weight decay, so the update of every frozen parameter is exactly 0:
 * frozen weights and running statistics stay bit-identical. Frozen BatchNorm layers therefore keep the running
 * statistics of the source model; their batch statistics during fine-tuning come from the same data distribution.
 */
public final class FrozenGroups {
    private final List<String> groups;
    private final Set<String> layers;

    private FrozenGroups(List<String> groups, Set<String> layers) {
        this.groups = List.copyOf(groups);
        this.layers = Set.copyOf(layers);
    }

    /**
     * The named groups of a model; unknown names and freezing every group are errors naming the model's groups.
     */
    public static FrozenGroups of(ModelDescription description, List<String> names) {
        List<String> known = List.copyOf(description.layerGroups().keySet());
        Set<String> layers = new LinkedHashSet<>();
        for (String name : names) {
            List<String> members = description.layerGroups().get(name);
            if (members == null) {
                throw new IllegalArgumentException("finetune.freeze: unknown layer group '" + name + "' for "
                        + description.options().architecture() + " (groups: " + String.join(", ", known) + ")");
            }
            layers.addAll(members);
        }
        if (!names.isEmpty() && names.size() == known.size()) {
            throw new IllegalArgumentException("finetune.freeze: freezes every layer group of "
                    + description.options().architecture() + " (" + String.join(", ", known)
                    + "); leave at least one to train");
        }
        return new FrozenGroups(names, layers);
    }

    public List<String> groups() {
        return groups;
    }

    public boolean isEmpty() {
        return groups.isEmpty();
    }

    /** Gives the frozen layers of a configuration (before the graph is initialised) a no-op updater, no decay. */
    public void configure(ComputationGraphConfiguration conf) {
        for (var entry : conf.getVertices().entrySet()) {
            GraphVertex v = entry.getValue();
            if (!layers.contains(entry.getKey()) || !(v instanceof LayerVertex lv)) {
                continue;
            }
            Layer layer = lv.getLayerConf().getLayer();
            if (layer instanceof BaseLayer base) {
                base.setIUpdater(new NoOp());
                base.setBiasUpdater(null);
                base.setRegularization(List.of());
                base.setRegularizationBias(List.of());
            } else if (layer instanceof AbstractSameDiffLayer sd) {
                sd.setUpdater(new NoOp());
                sd.setBiasUpdater(null);
                sd.setRegularization(List.of());
                sd.setRegularizationBias(List.of());
            }
        }
    }

    /** {offset, length} ranges of the frozen layers' entries in the graph's flattened parameters (and gradient). */
    public List<long[]> parameterRanges(ComputationGraph graph) {
        List<long[]> ranges = new ArrayList<>();
        long offset = 0;
        for (int idx : graph.topologicalSortOrder()) {
            var vertex = graph.getVertices()[idx];
            if (!vertex.hasLayer()) {
                continue;
            }
            long n = vertex.getLayer().numParams();
            if (n > 0 && layers.contains(vertex.getVertexName())) {
                ranges.add(new long[] {offset, n});
            }
            offset += n;
        }
        if (offset != graph.numParams()) {
            throw new IllegalStateException("parameter layout mismatch: " + offset + " != " + graph.numParams());
        }
        return ranges;
    }

    /** {@code inner} with the frozen layers' gradient entries zeroed; {@code inner} itself when nothing is frozen. */
    public TrainingStep wrap(TrainingStep inner, ComputationGraph graph) {
        return isEmpty() ? inner : new FrozenStep(inner, parameterRanges(graph));
    }
}
