package org.xai4j.secondorder;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One vertex of a graph under the R-operator (Pearlmutter 1994): its forward pass, the forward pass of the tangent
 * {@code R{.} = d/dh [.]_{h=0}} of its activations along an input direction, and the backward pass of both the
 * activation gradient {@code d} and its tangent {@code R{d}}, which also adds the tangent of its parameter gradient
 * {@code R{dS/dtheta}} to the result. One instance serves one pass (it keeps what its backward pass needs); the
 * parameters are read from the live graph and never changed.
 */
interface RopVertex {
    /** The vertex's output in training mode (batch statistics) from its inputs' outputs. */
    INDArray forward(INDArray[] inputs);

    /** R{output} from the inputs' R{output}, after {@link #forward}. */
    INDArray tangent(INDArray[] inputTangents);

    /**
     * Back-propagates {@code d = dS/d(output)} and {@code rd = R{d}}, after {@link #tangent}; a vertex with
     * parameters adds {@code R{dS/dtheta}} of them into the gradient views it was made with.
     *
     * @return {@code {d_inputs, rd_inputs}}, one entry per input
     */
    INDArray[][] backward(INDArray d, INDArray rd);
}
