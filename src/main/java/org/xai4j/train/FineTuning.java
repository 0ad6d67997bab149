package org.xai4j.train;

import java.nio.file.Path;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.xai4j.config.FinetuneOptions;
import org.xai4j.config.TrainOptions;
import org.xai4j.model.Classifier;
import org.xai4j.model.InputShape;
import org.xai4j.model.InspectableGraph;
import org.xai4j.model.ModelDescription;
import org.xai4j.run.Checkpoint;

/**
 * Starts a fine-tuning run ({@code train.finetune}) from a checkpoint: the checkpoint's architecture and weights
 * (BatchNorm running statistics included), this run's optimiser and weight decay ({@link OptimizerSetup}), a fresh
 * updater state and iteration count, and the frozen groups configured ({@link FrozenGroups}). Margeloiu et al.
 * (2020) fine-tune the last groups of an adversarially trained ResNet-18 this way.
 */
public final class FineTuning {
    private FineTuning() {
    }

    /**
     * @param shape      the input shape of the run's data
     * @param numOutputs the number of labels of the run's data
     */
    public static Classifier initialise(FinetuneOptions options, TrainOptions train, InputShape shape, int numOutputs) {
        Checkpoint checkpoint;
        try {
            checkpoint = Checkpoint.load(Path.of(options.from()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("finetune.from: " + e.getMessage(), e);
        }
        ModelDescription d = checkpoint.classifier().description();
        if (!d.inputShape().equals(shape) || d.numOutputs() != numOutputs) {
            throw new IllegalArgumentException("finetune.from: " + options.from() + " is a " + d.options().architecture()
                    + " for " + d.inputShape() + " inputs with " + d.numOutputs() + " outputs, but the data are "
                    + shape + " with " + numOutputs + " labels");
        }
        FrozenGroups frozen = FrozenGroups.of(d, options.freeze());
        ComputationGraphConfiguration conf = checkpoint.classifier().graph().getConfiguration().clone();
        OptimizerSetup.apply(conf, train);
        frozen.configure(conf);
        conf.setIterationCount(0);
        conf.setEpochCount(0);
        InspectableGraph graph = Classifier.newGraph(conf);
        graph.setParams(checkpoint.classifier().graph().params());
        return new Classifier(graph, d);
    }
}
