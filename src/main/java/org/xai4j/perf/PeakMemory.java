package org.xai4j.perf;

import java.util.concurrent.atomic.AtomicLong;
import org.bytedeco.javacpp.Pointer;

/**
 * Samples memory use on a daemon thread (every {@code periodMillis}) and keeps the highest values until
 * {@link #window()} is read. Short spikes between samples are missed; the resident set size rarely shrinks after
 * native memory is freed, so a window's process peak is at least the process's earlier high-water mark minus what
 * the allocator returned to the system.
 */
public final class PeakMemory implements AutoCloseable {
    private final AtomicLong heap = new AtomicLong();
    private final AtomicLong process = new AtomicLong();
    private final Thread sampler;
    private volatile boolean running = true;

    private PeakMemory(long periodMillis) {
        sample();
        sampler = new Thread(() -> {
            while (running) {
                sample();
                try {
                    Thread.sleep(periodMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }, "xai4j-peak-memory");
        sampler.setDaemon(true);
        sampler.start();
    }

    /** Starts sampling. */
    public static PeakMemory start(long periodMillis) {
        if (periodMillis < 1) {
            throw new IllegalArgumentException("sampling period must be >= 1 ms, got " + periodMillis);
        }
        return new PeakMemory(periodMillis);
    }

    private void sample() {
        Runtime rt = Runtime.getRuntime();
        heap.accumulateAndGet(rt.totalMemory() - rt.freeMemory(), Math::max);
        process.accumulateAndGet(Pointer.physicalBytes(), Math::max);
    }

    /** The peaks since the previous window (or the start), then starts a new window. */
    public MemoryPeak window() {
        sample();
        MemoryPeak p = new MemoryPeak(heap.getAndSet(0), process.getAndSet(0));
        sample();
        return p;
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
    }
}
