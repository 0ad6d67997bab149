package org.xai4j.train;

import java.util.List;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.samediff.AbstractSameDiffLayer;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.nd4j.linalg.learning.regularization.WeightDecay;
import org.xai4j.config.TrainOptions;

/**
 * Writes the optimiser and weight decay of {@link TrainOptions} into every layer of a graph configuration,
 * before the graph is initialised (DL4J builds its updater blocks from the layer configurations).
 */
public final class OptimizerSetup {
    private OptimizerSetup() {
    }

    public static IUpdater updater(TrainOptions options) {
        return switch (options.optimizer()) {
            case ADAM -> new Adam(options.lr());
            case SGD -> new Nesterovs(options.lr(), options.momentum());
        };
    }

    /** Sets updater and weight decay on every layer with parameters. */
    public static void apply(ComputationGraphConfiguration conf, TrainOptions options) {
        IUpdater updater = updater(options);
        List<Regularization> decay = options.weightDecay() > 0
                ? List.of(new WeightDecay(options.weightDecay(), true)) : List.of();
        for (GraphVertex v : conf.getVertices().values()) {
            if (!(v instanceof LayerVertex lv)) {
                continue;
            }
            Layer layer = lv.getLayerConf().getLayer();
            if (layer instanceof BaseLayer base) {
                base.setIUpdater(updater.clone());
                base.setBiasUpdater(null);
                base.setRegularization(decay);
                base.setRegularizationBias(List.of());
            } else if (layer instanceof AbstractSameDiffLayer sd) {
                sd.setUpdater(updater.clone());
                sd.setBiasUpdater(null);
                sd.setRegularization(decay);
                sd.setRegularizationBias(List.of());
            }
        }
    }
}
