package org.xai4j.faithfulness;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.attribution.Attribution;
import org.xai4j.attribution.AttributionOptions;
import org.xai4j.attribution.Attributions;
import org.xai4j.attribution.checks.InsertionDeletion;
import org.xai4j.config.ConfigLoader;
import org.xai4j.config.RunConfig;
import org.xai4j.data.DataSources;
import org.xai4j.data.Sample;
import org.xai4j.data.SampleSet;
import org.xai4j.data.Split;
import org.xai4j.data.Transforms;
import org.xai4j.explain.Explain;
import org.xai4j.model.Mode;
import org.xai4j.model.ModelAdapter;
import org.xai4j.model.Target;
import org.xai4j.report.CsvTable;
import org.xai4j.report.LinePlot;
import org.xai4j.run.RunFolder;
import org.xai4j.run.TrainedRun;
import org.xai4j.train.TrainingRun;
import org.xai4j.util.AtomicFiles;

/**
 * Remove and retrain (ROAR; Hooker, Erhan, Kindermans and Kim, "A benchmark for interpretability methods in deep
 * neural networks", NeurIPS 2019): every image of every split loses its top-k fraction of pixels by each method's
 * map of the run's model (ranked by the channel-summed attribution, highest first, as deletion curves; all channels
 * replaced by the training split's per-channel mean), the run's configuration is retrained from scratch on each
 * degraded data set, and its test AUC is recorded against k. A random ranking is the baseline ({@code random}); k = 0
 * is the configuration retrained on the intact data. The better a method ranks the evidence, the faster the AUC falls.
 * Each retraining is a run folder {@code <out>/runs/<method>-k<percent>} with a {@code roar.json} written when it
 * ends, so an interrupted evaluation resumes where it stopped. Writes {@code roar.csv}, {@code roar.md} and
 * {@code roar.png}.
 */
public final class RoarJob {
    public static final String CSV = "roar.csv";
    public static final String TABLE = "roar.md";
    public static final String PLOT = "roar.png";
    /** The ranking baseline's name. */
    public static final String RANDOM = "random";
    private static final String RESULT = "roar.json";

    /**
     * @param run       the run whose model ranks the pixels and whose configuration is retrained
     * @param methods   registered attribution methods (and {@code random})
     * @param fractions fractions of pixels removed, each in (0, 1)
     * @param overrides {@code --set} overrides of the retrained configuration (e.g. {@code train.epochs=3})
     * @param options   the methods' settings
     * @param out       output folder, or null for {@code <run>/evaluate-attributions}
     */
    public record Request(Path run, List<String> methods, double[] fractions, List<String> overrides,
                          AttributionOptions options, Path out) {
        public Request {
            if (methods == null || methods.isEmpty()) {
                throw new IllegalArgumentException("--methods: name at least one attribution method");
            }
            if (fractions == null || fractions.length == 0 || Arrays.stream(fractions).anyMatch(f -> !(f > 0 && f < 1))) {
                throw new IllegalArgumentException("--fractions: each must be in (0, 1), got "
                        + Arrays.toString(fractions));
            }
            methods = List.copyOf(methods);
            fractions = fractions.clone();
            overrides = overrides == null ? List.of() : List.copyOf(overrides);
        }
    }

    private RoarJob() {
    }

    /** Runs (or resumes) the evaluation; returns method -> test AUC per fraction (k = 0 first). */
    public static Map<String, double[]> run(Request q, PrintStream progress) {
        for (String m : q.methods()) {
            if (!m.equals(RANDOM)) {
                try {
                    Attributions.requireKnown(m);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("--methods: " + e.getMessage(), e);
                }
            }
        }
        TrainedRun trained = TrainedRun.open(q.run(), "best");
        RunConfig config = ConfigLoader.load(trained.folder().resolve(RunFolder.CONFIG), RunConfig.class,
                concat(q.overrides(), "train.ui=false"));
        SampleSet data = trained.data();
        Path out = q.out() != null ? q.out() : trained.outputDir("evaluate-attributions");
        double[] means = channelMeans(data);
        double intact = retrain(config, data, out, "none-k0", progress);
        ModelAdapter adapter = new ModelAdapter(trained.classifier());
        AttributionOptions opts = q.options().withReference(trained.referenceImages(config.data(), data));
        Map<String, double[]> auc = new LinkedHashMap<>();
        for (String method : q.methods()) {
            double[] row = new double[q.fractions().length + 1];
            row[0] = intact;
            Map<String, int[]> rankings = null;
            for (int f = 0; f < q.fractions().length; f++) {
                String name = method.replace(':', '-') + "-k" + Math.round(100 * q.fractions()[f]);
                Double done = finished(out, name);
                if (done != null) {
                    row[f + 1] = done;
                    continue;
                }
                if (rankings == null) {
                    rankings = rankings(method, adapter, opts, data, config);
                }
                SampleSet degraded = remove(data, rankings, q.fractions()[f], means);
                row[f + 1] = retrain(config, degraded, out, name, progress);
            }
            auc.put(method, row);
        }
        write(out, auc, q.fractions());
        return auc;
    }

    private static List<String> concat(List<String> a, String b) {
        List<String> out = new ArrayList<>(a);
        out.add(b);
        return out;
    }

    /** Test AUC of the configuration retrained on {@code data} (or of the finished run of that name). */
    private static double retrain(RunConfig config, SampleSet data, Path out, String name, PrintStream progress) {
        Double done = finished(out, name);
        if (done != null) {
            return done;
        }
        progress.printf(Locale.ROOT, "  retraining %s ...%n", name);
        TrainingRun.Outcome o = new TrainingRun(config, out.resolve("runs"), name, null, true,
                new PrintStream(PrintStream.nullOutputStream())).execute(data);
        double auc = o.test().report().macroAuc();
        AtomicFiles.writeString(out.resolve("runs").resolve(name).resolve(RESULT),
                String.format(Locale.ROOT, "{\"test_auc\": %s}%n", auc));
        progress.printf(Locale.ROOT, "  %s: test AUC %.4f%n", name, auc);
        return auc;
    }

    private static Double finished(Path out, String name) {
        Path f = out.resolve("runs").resolve(name).resolve(RESULT);
        if (!Files.isRegularFile(f)) {
            return null;
        }
        try {
            return new ObjectMapper().readTree(f.toFile()).get("test_auc").asDouble();
        } catch (IOException | RuntimeException e) {
            return null; // a damaged result is recomputed
        }
    }

    /** Per sample id, its pixels ranked by the method's channel-summed map (highest first), or at random. */
    private static Map<String, int[]> rankings(String method, ModelAdapter adapter, AttributionOptions opts,
                                               SampleSet data, RunConfig config) {
        Map<String, int[]> out = new LinkedHashMap<>();
        int hw = data.height() * data.width();
        if (method.equals(RANDOM)) {
            Random r = new Random(config.seed());
            for (Sample s : data.samples()) {
                Integer[] idx = new Integer[hw];
                for (int p = 0; p < hw; p++) {
                    idx[p] = p;
                }
                java.util.Collections.shuffle(Arrays.asList(idx), r);
                out.put(s.id(), Arrays.stream(idx).mapToInt(Integer::intValue).toArray());
            }
            return out;
        }
        Attribution a = Attributions.create(method, adapter, opts);
        Transforms t = DataSources.transforms(config.data());
        List<Sample> all = data.samples();
        for (int from = 0; from < all.size(); from += 16) {
            List<Sample> part = all.subList(from, Math.min(all.size(), from + 16));
            INDArray x = Explain.features(part, t, adapter.dataType());
            int[] classes = Explain.targets(part, adapter.logits(x, Mode.INFERENCE), "label");
            INDArray maps = a.attribute(x, Target.perExample(classes));
            for (int i = 0; i < part.size(); i++) {
                out.put(part.get(i).id(), InsertionDeletion.ranking(maps, i));
            }
            System.gc(); // ND4J's off-heap buffers are freed with their wrappers (see Explain)
        }
        return out;
    }

    /** The data with each image's top {@code fraction} of pixels (all channels) set to the channel means. */
    private static SampleSet remove(SampleSet data, Map<String, int[]> rankings, double fraction, double[] means) {
        int hw = data.height() * data.width();
        int k = (int) Math.round(fraction * hw);
        List<Sample> out = new ArrayList<>();
        for (Sample s : data.samples()) {
            float[] px = s.pixels().clone();
            int[] order = rankings.get(s.id());
            for (int j = 0; j < k; j++) {
                for (int c = 0; c < s.channels(); c++) {
                    px[c * hw + order[j]] = (float) means[c];
                }
            }
            out.add(new Sample(s.id(), px, s.channels(), s.depth(), s.height(), s.width(), s.labels(),
                    s.lesionMask(), s.masks(), s.boxes(), s.split()));
        }
        return new SampleSet(data.labelNames(), data.task(), data.channels(), data.depth(), data.height(),
                data.width(), out);
    }

    private static double[] channelMeans(SampleSet data) {
        List<Sample> train = data.split(Split.TRAIN);
        if (data.depth() != 1) {
            throw new IllegalArgumentException("roar: 2-D images only, got " + data.shape());
        }
        double[] sum = new double[data.channels()];
        int hw = data.height() * data.width();
        for (Sample s : train) {
            for (int c = 0; c < s.channels(); c++) {
                for (int p = 0; p < hw; p++) {
                    sum[c] += s.pixels()[c * hw + p];
                }
            }
        }
        for (int c = 0; c < sum.length; c++) {
            sum[c] /= (double) train.size() * hw;
        }
        return sum;
    }

    private static void write(Path out, Map<String, double[]> auc, double[] fractions) {
        double[] ks = new double[fractions.length + 1];
        for (int f = 0; f < fractions.length; f++) {
            ks[f + 1] = fractions[f];
        }
        List<List<Object>> rows = new ArrayList<>();
        Map<String, double[][]> series = new LinkedHashMap<>();
        StringBuilder md = new StringBuilder("ROAR: test AUC of the configuration retrained after removing each "
                + "method's top-k fraction of pixels (k = 0: intact data).\n\n| method |");
        for (double k : ks) {
            md.append(String.format(Locale.ROOT, " k=%.2f |", k));
        }
        md.append("\n|---|").append("---:|".repeat(ks.length)).append('\n');
        auc.forEach((method, row) -> {
            md.append("| ").append(method).append(" |");
            for (int i = 0; i < row.length; i++) {
                rows.add(List.of(method, ks[i], row[i]));
                md.append(String.format(Locale.ROOT, " %.4f |", row[i]));
            }
            md.append('\n');
            series.put(method, new double[][] {ks.clone(), row.clone()});
        });
        CsvTable.write(out.resolve(CSV), List.of("method", "fraction_removed", "test_auc"), rows);
        AtomicFiles.writeString(out.resolve(TABLE), md.toString());
        LinePlot.write(out.resolve(PLOT), "ROAR", "fraction of pixels removed", "test AUC after retraining", series,
                800, 600);
    }
}
