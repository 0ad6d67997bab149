package org.xai4j.secondorder;

/** The errors for graphs the exact engine cannot differentiate. */
final class Unsupported {
    static final String SUPPORTED = "convolutions (Truncate, Strict or Same mode), batch and instance normalisation, "
            + "ReLU, leaky ReLU, tanh and sigmoid, dense layers, max and average pooling, global average pooling, element-wise add and channel concatenation, "
            + "without dropout";

    private Unsupported() {
    }

    static IllegalArgumentException vertex(String vertex, String what) {
        return new IllegalArgumentException("difference: exact: vertex '" + vertex + "' has " + what
                + ", which the exact second-order engine does not differentiate (it supports " + SUPPORTED
                + "); use difference: central or forward");
    }
}
