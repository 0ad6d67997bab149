package org.xai4j.tune;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.xai4j.report.CsvTable;
import org.xai4j.report.ScatterGrid;
import org.xai4j.run.RunFolder;
import org.xai4j.util.AtomicFiles;

/**
 * The outputs of a search, rewritten (atomically) after every trial so that a killed search keeps them:
 * {@value #TRIALS} (one row per trial: number, status, objective and its terms, the parameters, time, epochs,
 * message), {@value #PLOT} (objective against each parameter, done and pruned trials) and {@value #BEST} (the
 * resolved config of the best done trial, ready for {@code xai4j train --config}).
 */
final class SearchReport {
    static final String TRIALS = "trials.csv";
    static final String PLOT = "objective-vs-parameters.png";
    static final String BEST = "best.yaml";

    private SearchReport() {
    }

    /** The done trial with the highest objective (the earliest on ties). */
    static Optional<Trial> best(List<Trial> trials) {
        return trials.stream().filter(t -> t.status() == Trial.Status.DONE && Double.isFinite(t.objective()))
                .max(Comparator.comparingDouble(Trial::objective).thenComparing(t -> -t.number()));
    }

    static void write(SearchFolder folder, SearchSpace space, ObjectiveOptions objective, List<Trial> trials) {
        List<Trial> sorted = new ArrayList<>(trials);
        sorted.sort(Comparator.comparingInt(Trial::number));
        writeCsv(folder, space, objective, sorted);
        writePlot(folder, space, sorted);
        best(sorted).ifPresent(b -> writeBest(folder, b));
    }

    private static void writeCsv(SearchFolder folder, SearchSpace space, ObjectiveOptions objective,
                                 List<Trial> trials) {
        Set<String> terms = new LinkedHashSet<>(objective.weights().keySet());
        List<String> header = new ArrayList<>(List.of("trial", "status", "objective"));
        header.addAll(terms);
        space.parameters().forEach(p -> header.add(p.key()));
        header.addAll(List.of("seconds", "epochs", "best_epoch", "message"));
        List<List<?>> rows = new ArrayList<>();
        for (Trial t : trials) {
            List<Object> row = new ArrayList<>(List.of(t.number(), t.status().label(), t.objective()));
            terms.forEach(k -> row.add(t.terms().getOrDefault(k, Double.NaN)));
            space.parameters().forEach(p -> row.add(t.parameters().getOrDefault(p.key(), "")));
            row.addAll(List.of(t.seconds(), t.epochs(), t.bestEpoch(), t.message()));
            rows.add(row);
        }
        CsvTable.write(folder.resolve(TRIALS), header, rows);
    }

    private static void writePlot(SearchFolder folder, SearchSpace space, List<Trial> trials) {
        List<ScatterGrid.Panel> panels = new ArrayList<>();
        for (SearchParameter p : space.parameters()) {
            Map<String, double[][]> series = new LinkedHashMap<>();
            for (Trial.Status status : List.of(Trial.Status.DONE, Trial.Status.PRUNED)) {
                List<double[]> points = new ArrayList<>();
                for (Trial t : trials) {
                    String v = t.parameters().get(p.key());
                    if (t.status() == status && Double.isFinite(t.objective()) && v != null) {
                        points.add(new double[] {p.plotValue(v), t.objective()});
                    }
                }
                double[][] xy = new double[2][points.size()];
                for (int i = 0; i < points.size(); i++) {
                    xy[0][i] = points.get(i)[0];
                    xy[1][i] = points.get(i)[1];
                }
                series.put(status.label(), xy);
            }
            String label = p instanceof SearchParameter.Choice c ? p.key() + " (" + choices(c) + ")" : p.key();
            panels.add(new ScatterGrid.Panel(label, p.logScale(), series));
        }
        ScatterGrid.write(folder.resolve(PLOT), "objective", panels);
    }

    private static String choices(SearchParameter.Choice c) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < c.values().size(); i++) {
            out.add(i + "=" + c.render(c.values().get(i)));
        }
        return String.join(" ", out);
    }

    private static void writeBest(SearchFolder folder, Trial best) {
        var config = folder.trialDir(best.number()).resolve(RunFolder.CONFIG);
        if (!Files.isRegularFile(config)) {
            return;
        }
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "# best trial of the search in %s: %s, objective %.4f %s%n",
                folder.dir(), Trial.folderName(best.number()), best.objective(), best.terms()));
        b.append("# searched values: ").append(String.join(", ", SearchSpace.overrides(best.parameters())))
                .append(System.lineSeparator());
        b.append("# train it with: xai4j train --config <this file>").append(System.lineSeparator());
        b.append(SearchFolder.read(config));
        AtomicFiles.writeString(folder.resolve(BEST), b.toString());
    }
}
