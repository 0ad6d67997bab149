package org.xai4j.perf;

/**
 * Forward floating-point operations of one graph vertex for one image (a multiply-add counts as 2).
 *
 * @param vertex     vertex name in the graph
 * @param kind       what was counted (e.g. {@code conv}, {@code dense}, {@code batchnorm}, {@code pool},
 *                   {@code activation}, {@code add}, {@code concat}); {@code uncounted} for a layer type the counter
 *                   does not know (its FLOPs are 0)
 * @param forward    forward FLOPs per image
 * @param weighted   whether the vertex is a convolution or dense layer, whose backward pass costs two of its
 *                   forward passes (data gradient and weight gradient)
 * @param readsInput whether the vertex takes the network input directly (its data gradient is not needed for
 *                   training)
 */
public record VertexFlops(String vertex, String kind, long forward, boolean weighted, boolean readsInput) {
    /** Kind of a vertex whose layer type the counter does not know. */
    public static final String UNCOUNTED = "uncounted";

    public VertexFlops {
        if (forward < 0) {
            throw new IllegalArgumentException("negative FLOPs for vertex " + vertex + ": " + forward);
        }
    }

    /**
     * FLOPs of a training step (forward + backward) for this vertex: a weighted layer costs 3x its forward (forward,
     * data gradient, weight gradient), or 2x when it reads the network input (no data gradient is needed there);
     * every other vertex costs 2x its forward (its backward is about as expensive as its forward).
     */
    public long training() {
        if (weighted) {
            return forward * (readsInput ? 2 : 3);
        }
        return 2 * forward;
    }

    /**
     * FLOPs of an input-gradient pass (forward + data gradients down to the input, no weight gradients): 2x the
     * forward for every vertex, including the input gradient of the layers that read the network input.
     */
    public long inputGradient() {
        return 2 * forward;
    }
}
