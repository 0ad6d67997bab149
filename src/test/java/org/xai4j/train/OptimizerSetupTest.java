package org.xai4j.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.regularization.WeightDecay;
import org.xai4j.config.ConfigLoader;
import org.xai4j.config.TrainOptions;
import org.xai4j.model.BuiltModel;
import org.xai4j.model.InputShape;
import org.xai4j.model.ModelOptions;
import org.xai4j.model.ModelRegistry;

class OptimizerSetupTest {
    @Test
    void sgdWithMomentumAndWeightDecayReachEveryLayerButNotBiases() {
        TrainOptions o = ConfigLoader.fromDefaults(TrainOptions.class,
                List.of("optimizer=sgd", "lr=0.05", "momentum=0.8", "weightDecay=0.0005"));
        BuiltModel m = ModelRegistry.build(new ModelOptions("patch", 0.125, null, 0.0), new InputShape(1, 32, 32), 1, 1,
                DataType.FLOAT);
        OptimizerSetup.apply(m.configuration(), o);
        int layers = 0;
        for (var v : m.configuration().getVertices().values()) {
            if (v instanceof LayerVertex lv && lv.getLayerConf().getLayer() instanceof BaseLayer b) {
                assertThat(b.getIUpdater()).isInstanceOf(Nesterovs.class);
                assertThat(((Nesterovs) b.getIUpdater()).getLearningRate()).isEqualTo(0.05);
                assertThat(((Nesterovs) b.getIUpdater()).getMomentum()).isEqualTo(0.8);
                assertThat(b.getRegularization()).singleElement().isInstanceOf(WeightDecay.class);
                assertThat(b.getRegularizationBias()).isEmpty();
                layers++;
            }
        }
        assertThat(layers).isGreaterThan(3);
    }
}
