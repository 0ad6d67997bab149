/**
 * Compute efficiency of a training or attribution pass: floating-point operations counted from a graph's layer
 * shapes ({@link org.xai4j.perf.FlopCounter}), the float32 matrix-multiply rate of ND4J in the same process as the
 * reference ({@link org.xai4j.perf.GemmReference}), and peak memory on and off the Java heap
 * ({@link org.xai4j.perf.PeakMemory}).
 */
package org.xai4j.perf;
