package org.xai4j.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.xai4j.perf.GemmRate;
import org.xai4j.report.CsvTable;

/**
 * Writes a {@link BenchReport} as CSV, one row per case and engine, with the settings it was measured under. The
 * first ten columns are those of earlier versions; the reference rate and thread settings repeat on every row.
 */
public final class ThroughputCsv {
    static final List<String> HEADER = List.of("model", "parameters", "input", "batch", "width", "blocks",
            "train_step_s", "train_img_per_s", "infer_img_per_s", "cores", "architecture", "engine", "natives",
            "helpers", "gflop_per_img_train", "gflop_per_img_forward", "train_gflops", "sgemm_gflops", "efficiency",
            "attribution_img_per_s", "attribution_gflops", "attribution_efficiency", "peak_heap_mib", "peak_rss_mib",
            "threads");

    private ThroughputCsv() {
    }

    public static void write(Path file, BenchReport report) {
        GemmRate ref = report.reference();
        List<List<Object>> rows = new ArrayList<>();
        for (ThroughputResult r : report.results()) {
            BenchCase c = r.benchCase();
            rows.add(List.of(c.label(), r.parameters(), c.shape().toString(), c.batch(), c.model().widthMultiplier(),
                    c.blocksText(), r.trainStepSeconds(), r.trainImagesPerSecond(), r.inferImagesPerSecond(),
                    Runtime.getRuntime().availableProcessors(), c.model().architecture(), r.engine().id(),
                    report.natives(), r.helpers().describe(), r.flops().training() / 1e9, r.flops().forward() / 1e9,
                    r.trainGflops(), ref.gflops(), r.efficiency(ref), r.attributionImagesPerSecond(),
                    r.attributionGflops(), r.attributionEfficiency(ref), r.memory().heapMiB(),
                    r.memory().processMiB(), report.threads()));
        }
        CsvTable.write(file, HEADER, rows);
    }
}
