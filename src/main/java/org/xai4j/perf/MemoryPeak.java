package org.xai4j.perf;

/**
 * Highest memory use seen by a {@link PeakMemory} sampler over one window.
 *
 * @param heapBytes    Java heap in use (total - free; depends on when the collector runs)
 * @param processBytes resident set size of the whole process ({@code org.bytedeco.javacpp.Pointer.physicalBytes()}):
 *                     heap, ND4J's native arrays, native libraries. ND4J's CPU arrays are allocated by libnd4j and
 *                     are not counted by javacpp's {@code Pointer.totalBytes()}, so this is the off-heap measure.
 */
public record MemoryPeak(long heapBytes, long processBytes) {
    private static final double MIB = 1024.0 * 1024.0;

    public double heapMiB() {
        return heapBytes / MIB;
    }

    public double processMiB() {
        return processBytes / MIB;
    }
}
