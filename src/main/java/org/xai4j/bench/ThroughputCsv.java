package org.xai4j.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.xai4j.report.CsvTable;

/** Writes {@link ThroughputResult}s with the settings they were measured under. */
public final class ThroughputCsv {
    private ThroughputCsv() {
    }

    public static void write(Path file, BenchOptions o, List<ThroughputResult> results) {
        List<List<Object>> rows = new ArrayList<>();
        for (ThroughputResult r : results) {
            rows.add(List.of(r.model(), r.parameters(), o.channels() + "x" + o.size() + "x" + o.size(), o.batch(),
                    o.widthMultiplier(), o.blocks() == null ? "reference" : o.blocks().toString(), r.trainStepSeconds(),
                    r.trainImagesPerSecond(), r.inferImagesPerSecond(), Runtime.getRuntime().availableProcessors()));
        }
        CsvTable.write(file, List.of("model", "parameters", "input", "batch", "width", "blocks", "train_step_s",
                "train_img_per_s", "infer_img_per_s", "cores"), rows);
    }
}
