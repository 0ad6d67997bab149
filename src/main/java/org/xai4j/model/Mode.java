package org.xai4j.model;

/**
 * How {@link ModelAdapter} runs the network (DESIGN.md decisions 3 and 4).
 */
public enum Mode {
    /**
     * DL4J train-mode forward pass: BatchNorm normalises with the batch statistics (which couple the examples of a
     * batch) and dropout is active; gradients are back-propagated through the live training graph.
     */
    TRAINING,
    /**
     * Deterministic forward pass with the BatchNorm running statistics and no dropout. Gradients are computed on a
     * BN-folded twin of the graph, because DL4J M2.1 back-propagates BatchNorm with the batch-statistics formula
     * even after an inference forward (DESIGN.md decision 4).
     */
    INFERENCE;

    boolean train() {
        return this == TRAINING;
    }
}
