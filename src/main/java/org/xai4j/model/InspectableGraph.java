package org.xai4j.model;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * A ComputationGraph that exposes the gradients DL4J M2.1 computes but does not return: the epsilons of
 * the input vertex and of inner vertices (DESIGN.md decision 3). Only {@link ModelAdapter} should use the
 * extra calls.
 */
public class InspectableGraph extends ComputationGraph {
    public InspectableGraph(ComputationGraphConfiguration configuration) {
        super(configuration);
    }
}
