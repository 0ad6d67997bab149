package org.xai4j.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.xai4j.perf.GemmRate;

/** A {@link BenchReport} as a Markdown table, ready for the README and {@code docs/performance.md}. */
public final class EfficiencyTable {
    private EfficiencyTable() {
    }

    /** Header, separator and one row per case and engine, followed by a line naming the reference and natives. */
    public static List<String> markdown(BenchReport report) {
        GemmRate ref = report.reference();
        List<String> lines = new ArrayList<>();
        lines.add("| model | input, batch | engine | GFLOP/img fwd+bwd | train img/s | inference img/s | train GFLOP/s "
                + "| efficiency | attribution img/s | attribution efficiency | peak heap / RSS MiB |");
        lines.add("|---|---|---|---|---|---|---|---|---|---|---|");
        for (ThroughputResult r : report.results()) {
            BenchCase c = r.benchCase();
            lines.add(String.format(Locale.ROOT, "| %s | %s, %d | %s | %.3f | %.1f | %.1f | %.2f | %.1f%% | %s | %s "
                            + "| %.0f / %.0f |", c.label(), c.shape(), c.batch(), r.engine().id(),
                    r.flops().training() / 1e9, r.trainImagesPerSecond(), r.inferImagesPerSecond(), r.trainGflops(),
                    100 * r.efficiency(ref), optional("%.1f", r.attributionImagesPerSecond()),
                    optional("%.1f%%", 100 * r.attributionEfficiency(ref)), r.memory().heapMiB(),
                    r.memory().processMiB()));
        }
        lines.add(String.format(Locale.ROOT, "Reference: ND4J float32 gemm %dx%d, %.1f GFLOP/s; natives: %s; %s.",
                ref.n(), ref.n(), ref.gflops(), report.natives(), report.threads()));
        return lines;
    }

    private static String optional(String format, double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, format, value);
    }
}
