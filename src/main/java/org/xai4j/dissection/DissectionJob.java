package org.xai4j.dissection;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.xai4j.data.DataSources;
import org.xai4j.data.Sample;
import org.xai4j.data.SampleSet;
import org.xai4j.data.Split;
import org.xai4j.data.Transforms;
import org.xai4j.model.ModelAdapter;
import org.xai4j.perf.MemoryPeak;
import org.xai4j.perf.PeakMemory;
import org.xai4j.report.CsvTable;
import org.xai4j.report.HtmlReport;
import org.xai4j.report.LinePlot;
import org.xai4j.run.TrainedRun;

/**
 * {@code xai4j dissect}: dissects the chosen checkpoints of a run on one split of its data (or of {@code --data})
 * and writes {@code units.csv} (one row per checkpoint, layer and unit: threshold, best concept, its IoU, whether it
 * is a detector, every concept's IoU), {@code summary.csv} (detectors per checkpoint, layer and concept), the plot
 * {@code detectors.png} (detectors per concept over the checkpoints) and {@code report.html} (the best detectors'
 * top-activating images with their masks outlined) to {@code <run>/dissect} (or {@code --out}).
 */
public final class DissectionJob {
    public static final String UNITS = "units.csv";
    public static final String SUMMARY = "summary.csv";
    public static final String PLOT = "detectors.png";
    public static final String REPORT = "report.html";
    private static final Pattern EPOCH_FILE = Pattern.compile("epoch-(\\d+)\\.ckpt");

    private DissectionJob() {
    }

    /**
     * @param run         run folder
     * @param checkpoints {@code best}, {@code last}, {@code epoch-N}, or {@code epoch-*} for every epoch checkpoint
     *                    the run kept ({@code train.keepEpochCheckpoints})
     * @param dataConfig  a YAML file with a {@code data:} section, or null for the run's data
     * @param split       the probe images' split
     * @param limit       at most this many images, or null for all
     * @param out         output folder, or null for {@code <run>/dissect}
     */
    public record Request(Path run, List<String> checkpoints, Path dataConfig, Split split, Integer limit,
                          DissectionOptions options, Path out) {
        public Request {
            checkpoints = checkpoints == null || checkpoints.isEmpty() ? List.of("best") : List.copyOf(checkpoints);
            split = split == null ? Split.TEST : split;
            options = options == null ? DissectionOptions.defaults() : options;
            if (limit != null && limit < 1) {
                throw new IllegalArgumentException("--limit: must be >= 1, got " + limit);
            }
        }
    }

    /** Runs the request; returns the output folder. */
    public static Path run(Request request, PrintStream log) {
        List<String> checkpoints = expand(request.run(), request.checkpoints());
        TrainedRun first = TrainedRun.open(request.run(), checkpoints.get(0));
        SampleSet set = first.data(request.dataConfig(), "--data");
        Transforms transforms = DataSources.transforms(first.dataOptions(request.dataConfig(), "--data"));
        List<Sample> probe = set.split(request.split());
        if (request.limit() != null && probe.size() > request.limit()) {
            probe = probe.subList(0, request.limit());
        }
        if (probe.isEmpty()) {
            throw new IllegalArgumentException("--split " + request.split().label() + ": no images to dissect");
        }
        if (probe.stream().allMatch(s -> s.masks().isEmpty() && s.boxes().isEmpty())) {
            throw new IllegalArgumentException((request.dataConfig() == null ? "the run's data"
                    : "--data " + request.dataConfig()) + ": the " + request.split().label() + " images have no "
                    + "concept masks or boxes to dissect against (a manifest gives them as mask_<name> columns)");
        }
        Path out = request.out() != null ? request.out() : request.run().resolve("dissect");
        Map<String, List<UnitLabel>> byCheckpoint = new LinkedHashMap<>();
        List<List<Object>> summary = new ArrayList<>();
        List<String> concepts = new ArrayList<>();
        HtmlReport report = new HtmlReport("Network dissection of " + request.run().getFileName());
        report.paragraph(String.format(Locale.ROOT, "%d %s images; threshold: top %.3g of each unit's activations; "
                + "detector: best IoU >= %.3g. Panels: image, unit map, concept mask (red) and unit mask (green).",
                probe.size(), request.split().label(), request.options().topFraction(), request.options().minIou()));
        for (String checkpoint : checkpoints) {
            TrainedRun run = checkpoint.equals(checkpoints.get(0)) ? first : TrainedRun.open(request.run(), checkpoint);
            long t0 = System.nanoTime();
            ModelAdapter adapter = new ModelAdapter(run.classifier());
            List<UnitLabel> labels;
            MemoryPeak peak;
            try (PeakMemory memory = PeakMemory.start(50)) {
                labels = Dissection.run(adapter, probe, set.labelNames(), transforms, request.options());
                peak = memory.window();
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            DissectionReport.section(report, checkpoint, adapter, labels, probe, set.labelNames(), transforms);
            byCheckpoint.put(checkpoint, labels);
            Map<String, Map<String, Integer>> detectors = new TreeMap<>();
            for (UnitLabel u : labels) {
                u.ious().keySet().stream().filter(c -> !concepts.contains(c)).forEach(concepts::add);
                Map<String, Integer> perConcept = detectors.computeIfAbsent(u.layer(), l -> new TreeMap<>());
                if (u.detector()) {
                    perConcept.merge(u.bestConcept(), 1, Integer::sum);
                }
            }
            detectors.forEach((layer, perConcept) -> perConcept.forEach((c, count) ->
                    summary.add(List.of(checkpoint, layer, c, count))));
            long found = labels.stream().filter(UnitLabel::detector).count();
            log.printf(Locale.ROOT, "%s: %d units, %d detectors, %d images in %.1f s (%.1f images/s over two passes; "
                    + "peak heap %.0f MiB, process %.0f MiB)%n", checkpoint, labels.size(), found, probe.size(),
                    seconds, probe.size() / seconds, peak.heapMiB(), peak.processMiB());
        }
        List<String> header = new ArrayList<>(List.of("checkpoint", "layer", "unit", "threshold", "best_concept",
                "best_iou", "detector"));
        concepts.forEach(c -> header.add("iou_" + c));
        List<List<Object>> rows = new ArrayList<>();
        byCheckpoint.forEach((checkpoint, labels) -> {
            for (UnitLabel u : labels) {
                List<Object> row = new ArrayList<>(List.of(checkpoint, u.layer(), u.unit(), u.threshold(),
                        u.bestConcept(), u.bestIou(), u.detector()));
                concepts.forEach(c -> row.add(u.ious().getOrDefault(c, Double.NaN)));
                rows.add(row);
            }
        });
        CsvTable.write(out.resolve(UNITS), header, rows);
        CsvTable.write(out.resolve(SUMMARY), List.of("checkpoint", "layer", "concept", "detectors"), summary);
        writePlot(out.resolve(PLOT), checkpoints, concepts, summary);
        report.write(out.resolve(REPORT));
        log.println("wrote " + out.resolve(UNITS) + ", " + out.resolve(SUMMARY) + ", " + out.resolve(PLOT) + " and "
                + out.resolve(REPORT));
        return out;
    }

    /** Detectors per concept (all layers together) against the checkpoint's position in {@code checkpoints}. */
    private static void writePlot(Path png, List<String> checkpoints, List<String> concepts,
                                  List<List<Object>> summary) {
        Map<String, double[][]> series = new LinkedHashMap<>();
        for (String c : concepts) {
            double[] xs = new double[checkpoints.size()];
            double[] ys = new double[checkpoints.size()];
            for (int i = 0; i < checkpoints.size(); i++) {
                xs[i] = i + 1;
                String checkpoint = checkpoints.get(i);
                ys[i] = summary.stream().filter(r -> r.get(0).equals(checkpoint) && r.get(2).equals(c))
                        .mapToInt(r -> (Integer) r.get(3)).sum();
            }
            series.put(c, new double[][] {xs, ys});
        }
        LinePlot.write(png, "detectors per concept (checkpoints: " + String.join(", ", checkpoints) + ")",
                "checkpoint", "detectors", series, 900, 600);
    }

    /** The checkpoint names, {@code epoch-*} replaced by the run's epoch checkpoints in epoch order. */
    static List<String> expand(Path run, List<String> checkpoints) {
        List<String> out = new ArrayList<>();
        for (String c : checkpoints) {
            if (!c.trim().equals("epoch-*")) {
                out.add(c.trim());
                continue;
            }
            List<Integer> epochs = new ArrayList<>();
            try (Stream<Path> files = Files.list(run)) {
                files.forEach(f -> {
                    Matcher m = EPOCH_FILE.matcher(f.getFileName().toString());
                    if (m.matches()) {
                        epochs.add(Integer.parseInt(m.group(1)));
                    }
                });
            } catch (IOException e) {
                throw new UncheckedIOException("--run " + run + ": cannot list (" + e.getMessage() + ")", e);
            }
            if (epochs.isEmpty()) {
                throw new IllegalArgumentException("--checkpoints epoch-*: run " + run + " kept no epoch checkpoints "
                        + "(train it with train.keepEpochCheckpoints: true)");
            }
            epochs.stream().sorted().forEach(e -> out.add("epoch-" + e));
        }
        return out;
    }
}
