package org.xai4j.perf;

import java.util.List;

/**
 * Per-image FLOPs of a network, vertex by vertex, as counted by {@link FlopCounter}. A multiply-add counts as 2
 * FLOPs, so {@link #forward()} is twice the "MACs" that papers and tools such as fvcore or ptflops quote.
 *
 * @param vertices every vertex that was looked at, in topological order
 */
public record FlopCount(List<VertexFlops> vertices) {
    public FlopCount {
        vertices = List.copyOf(vertices);
    }

    /** Forward FLOPs per image. */
    public long forward() {
        return vertices.stream().mapToLong(VertexFlops::forward).sum();
    }

    /** Forward FLOPs per image of convolution and dense layers only (the multiply-adds, times 2). */
    public long forwardWeighted() {
        return vertices.stream().filter(VertexFlops::weighted).mapToLong(VertexFlops::forward).sum();
    }

    /** Forward + backward FLOPs per image of a training step; see {@link VertexFlops#training()}. */
    public long training() {
        return vertices.stream().mapToLong(VertexFlops::training).sum();
    }

    /** Forward + input-gradient FLOPs per image (an attribution pass); see {@link VertexFlops#inputGradient()}. */
    public long inputGradient() {
        return vertices.stream().mapToLong(VertexFlops::inputGradient).sum();
    }

    /** Vertices whose layer type the counter does not know (counted as 0); empty for every xai4j model. */
    public List<String> uncounted() {
        return vertices.stream().filter(v -> VertexFlops.UNCOUNTED.equals(v.kind())).map(VertexFlops::vertex).toList();
    }
}
