package org.xai4j.attribution.checks;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.xai4j.model.Classifier;
import org.xai4j.model.InspectableGraph;

/** Private copies of a model for checks that change parameters; the caller's graph is only read. */
final class ModelCopies {
    private ModelCopies() {
    }

    /** A copy with the same configuration and parameters (no re-initialisation, no RNG reseed). */
    static Classifier copy(Classifier c) {
        InspectableGraph g = new InspectableGraph(c.graph().getConfiguration().clone());
        g.init(c.graph().params().dup(), false);
        return new Classifier(g, c.description());
    }

    /**
     * A freshly initialised network of the same architecture, weights drawn as at construction from {@code seed}
     * (DL4J's initialisers; BatchNorm back to gamma 1, beta 0, mean 0, variance 1). Note: DL4J re-seeds ND4J's global
     * generator with {@code seed} when it initialises parameters.
     */
    static InspectableGraph fresh(Classifier c, long seed) {
        ComputationGraphConfiguration conf = c.graph().getConfiguration().clone();
        conf.getDefaultConfiguration().setSeed(seed);
        InspectableGraph g = new InspectableGraph(conf);
        g.init();
        return g;
    }
}
