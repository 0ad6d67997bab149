package org.xai4j.model;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * A network of xai4j: the DL4J graph (the one model representation, DESIGN.md decision 2) and its
 * description (input, logits, taps, layer groups).
 */
public final class Classifier {
    private final InspectableGraph graph;
    private final ModelDescription description;

    public Classifier(InspectableGraph graph, ModelDescription description) {
        this.graph = graph;
        this.description = description;
    }

    /**
     * Instantiates and initialises a freshly built model (weights from the configuration's seed, drawn as its
     * {@link ModelOptions#init()} says).
     */
    public static Classifier create(BuiltModel model) {
        InspectableGraph graph = newGraph(model.configuration());
        if (model.description().options().init() == InitScheme.PYTORCH) {
            PyTorchInitialisation.apply(graph, model.configuration().getDefaultConfiguration().getSeed());
        }
        return new Classifier(graph, model.description());
    }

    /** Builds a registered architecture. */
    public static Classifier build(ModelOptions options, InputShape shape, int numOutputs, long seed, DataType dataType) {
        return create(ModelRegistry.build(options, shape, numOutputs, seed, dataType));
    }

    /**
     * Creates an initialised graph from a configuration. Workspaces are switched off because reading input
     * gradients needs that (DESIGN.md decision 3).
     */
    public static InspectableGraph newGraph(ComputationGraphConfiguration configuration) {
        configuration.setTrainingWorkspaceMode(WorkspaceMode.NONE);
        configuration.setInferenceWorkspaceMode(WorkspaceMode.NONE);
        InspectableGraph g = new InspectableGraph(configuration);
        g.init();
        return g;
    }

    public InspectableGraph graph() {
        return graph;
    }

    public ModelDescription description() {
        return description;
    }

    public int numOutputs() {
        return description.numOutputs();
    }
}
