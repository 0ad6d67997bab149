package org.xai4j.bench;

import java.util.List;
import org.xai4j.perf.GemmRate;

/**
 * Everything one {@code xai4j bench} run measured.
 *
 * @param natives   the ND4J natives that were loaded ({@code onednn} or {@code default})
 * @param threads   {@code OMP_NUM_THREADS} of the process ({@code unset} when not set) and the cores Java sees
 * @param reference the float32 matrix multiply rate, median over every round of the run
 * @param results   one per case and engine
 */
public record BenchReport(String natives, String threads, GemmRate reference, List<ThroughputResult> results) {
    public BenchReport {
        results = List.copyOf(results);
    }
}
