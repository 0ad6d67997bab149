package org.xai4j.experiments;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;
import org.xai4j.report.CsvTable;
import org.xai4j.util.AtomicFiles;

/**
 * The attribution-constraint table: one CSV row per model and seed ({@code table.csv}), and a markdown table with one
 * row per variant, mean +- sample standard deviation over its seeds ({@code table.md}, the README's table).
 */
public final class ConstraintTable {
    private ConstraintTable() {
    }

    static List<String> columns() {
        List<String> c = new ArrayList<>(List.of("model", "seed", "test_auc"));
        for (String m : AttributionConstraintExperiment.INFERENCE) {
            c.add("ms_dice_" + m);
        }
        for (String m : AttributionConstraintExperiment.INFERENCE) {
            c.add("ms_pixel_auroc_" + m);
        }
        for (String m : AttributionConstraintExperiment.INFERENCE) {
            c.add("tumor_dice_" + m);
        }
        c.add("minutes");
        c.add("epoch_seconds");
        return c;
    }

    static List<List<Object>> rows(List<ConstraintRow> rows) {
        List<List<Object>> out = new ArrayList<>();
        for (ConstraintRow r : rows) {
            List<Object> row = new ArrayList<>(List.of(r.name(), r.seed(), r.testAuc()));
            for (var map : List.of(r.msDice(), r.msAuroc(), r.tumorDice())) {
                for (String m : AttributionConstraintExperiment.INFERENCE) {
                    row.add(value(map, m));
                }
            }
            row.add(r.minutes());
            row.add(r.epochSeconds());
            out.add(row);
        }
        return out;
    }

    /** @param note a line under the table (e.g. the values a search chose); empty for none */
    public static void write(Path outDir, List<ConstraintRow> rows, double minutes, List<String> overrides,
                             String note) {
        CsvTable.write(outDir.resolve("table.csv"), columns(), rows(rows));
        AtomicFiles.writeString(outDir.resolve("table.md"), markdown(rows, minutes, overrides, note));
    }

    /**
     * One row per variant (in order of first appearance): AUC, Dice and pixel AUROC in percent, mean +- sd over the
     * variant's seeds (the value alone for one seed); baselines fill every method column with their one value. The
     * cost column is the variant's mean epoch time over the unconstrained model's (same machine, same command).
     */
    public static String markdown(List<ConstraintRow> rows, double minutes, List<String> overrides, String note) {
        List<String> methods = AttributionConstraintExperiment.INFERENCE;
        Map<String, List<ConstraintRow>> byName = new LinkedHashMap<>();
        rows.forEach(r -> byName.computeIfAbsent(r.name(), k -> new ArrayList<>()).add(r));
        List<ConstraintRow> reference = byName.get("unconstrained");
        double referenceEpoch = reference == null ? Double.NaN : stats(reference, ConstraintRow::epochSeconds).getMean();
        StringBuilder b = new StringBuilder();
        b.append("| model | seeds | test AUC |");
        methods.forEach(m -> b.append(" MS Dice ").append(m).append(" |"));
        methods.forEach(m -> b.append(" MS pixel AUROC ").append(m).append(" |"));
        b.append(" tumour Dice ixg | cost per step | train min |\n|---|---|---|");
        methods.forEach(m -> b.append("---|---|"));
        b.append("---|---|---|\n");
        for (var e : byName.entrySet()) {
            List<ConstraintRow> rs = e.getValue();
            b.append("| ").append(e.getKey()).append(" | ").append(rs.size()).append(" | ")
                    .append(pct(stats(rs, ConstraintRow::testAuc))).append(" |");
            for (String m : methods) {
                b.append(' ').append(pct(stats(rs, r -> value(r.msDice(), m)))).append(" |");
            }
            for (String m : methods) {
                b.append(' ').append(pct(stats(rs, r -> value(r.msAuroc(), m)))).append(" |");
            }
            double epoch = stats(rs, ConstraintRow::epochSeconds).getMean();
            b.append(' ').append(pct(stats(rs, r -> value(r.tumorDice(), "ixg")))).append(" | ")
                    .append(Double.isNaN(epoch / referenceEpoch) ? "-"
                            : String.format(Locale.ROOT, "%.2fx", epoch / referenceEpoch)).append(" | ")
                    .append(String.format(Locale.ROOT, "%.1f", stats(rs, ConstraintRow::minutes).getMean()))
                    .append(" |\n");
        }
        b.append(String.format(Locale.ROOT, "%nAUC, Dice and AUROC in percent, mean +- sd over seeds. Cost per step: "
                + "mean training epoch time over the unconstrained model's. Train min: mean per seed. Whole command: "
                + "%.1f min%s.%n", minutes, overrides.isEmpty() ? "" : ", overrides " + overrides));
        if (!note.isEmpty()) {
            b.append(String.format(Locale.ROOT, "%n%s.%n", note));
        }
        return b.toString();
    }

    /** A method's value in a row, or the baseline's one value. */
    private static double value(Map<String, Double> map, String method) {
        return map.getOrDefault(method, map.getOrDefault("baseline", Double.NaN));
    }

    /** Statistics of the finite values (NaN marks a value that does not exist). */
    static SummaryStatistics stats(List<ConstraintRow> rows, ToDoubleFunction<ConstraintRow> f) {
        SummaryStatistics s = new SummaryStatistics();
        rows.stream().mapToDouble(f).filter(Double::isFinite).forEach(s::addValue);
        return s;
    }

    private static String pct(SummaryStatistics s) {
        if (s.getN() == 0) {
            return "-";
        }
        String mean = String.format(Locale.ROOT, "%.1f", 100 * s.getMean());
        return s.getN() == 1 ? mean : mean + String.format(Locale.ROOT, " +- %.1f", 100 * s.getStandardDeviation());
    }
}
