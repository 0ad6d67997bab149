package org.xai4j.experiments;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.xai4j.report.CsvTable;
import org.xai4j.util.AtomicFiles;

/** The attribution-constraint table as CSV and markdown. */
public final class ConstraintTable {
    private ConstraintTable() {
    }

    static List<String> columns() {
        List<String> c = new ArrayList<>(List.of("model", "test_auc"));
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
        return c;
    }

    static List<List<Object>> rows(List<ConstraintRow> rows) {
        List<List<Object>> out = new ArrayList<>();
        for (ConstraintRow r : rows) {
            List<Object> row = new ArrayList<>(List.of(r.name(), r.testAuc()));
            for (var map : List.of(r.msDice(), r.msAuroc(), r.tumorDice())) {
                for (String m : AttributionConstraintExperiment.INFERENCE) {
                    row.add(map.getOrDefault(m, map.getOrDefault("baseline", Double.NaN)));
                }
            }
            row.add(r.minutes());
            out.add(row);
        }
        return out;
    }

    public static void write(Path outDir, List<ConstraintRow> rows, double minutes, List<String> overrides) {
        CsvTable.write(outDir.resolve("table.csv"), columns(), rows(rows));
        AtomicFiles.writeString(outDir.resolve("table.md"), markdown(rows, minutes, overrides));
    }

    /** Dice and AUC as percentages with one decimal; baselines fill every method column with their one value. */
    public static String markdown(List<ConstraintRow> rows, double minutes, List<String> overrides) {
        List<String> methods = AttributionConstraintExperiment.INFERENCE;
        StringBuilder b = new StringBuilder();
        b.append("| model | test AUC |");
        methods.forEach(m -> b.append(" MS Dice ").append(m).append(" |"));
        b.append(" MS pixel AUROC ixg | tumour Dice ixg | train min |\n|---|---|");
        methods.forEach(m -> b.append("---|"));
        b.append("---|---|---|\n");
        for (ConstraintRow r : rows) {
            b.append("| ").append(r.name()).append(" | ").append(Double.isNaN(r.testAuc()) ? "-" : pct(r.testAuc()))
                    .append(" |");
            for (String m : methods) {
                Double d = r.msDice().getOrDefault(m, r.msDice().get("baseline"));
                b.append(' ').append(pct(d)).append(" |");
            }
            b.append(' ').append(pct(r.msAuroc().getOrDefault("ixg", r.msAuroc().get("baseline")))).append(" | ")
                    .append(pct(r.tumorDice().getOrDefault("ixg", r.tumorDice().get("baseline")))).append(" | ")
                    .append(String.format(Locale.ROOT, "%.1f", r.minutes())).append(" |\n");
        }
        b.append(String.format(Locale.ROOT, "%nAll numbers in percent. Whole command: %.1f min%s.%n", minutes,
                overrides.isEmpty() ? "" : ", overrides " + overrides));
        return b.toString();
    }

    private static String pct(Double v) {
        return v == null || v.isNaN() ? "-" : String.format(Locale.ROOT, "%.1f", 100 * v);
    }
}
