package org.xai4j.train;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xai4j.model.Classifier;
import org.xai4j.report.MetricsCsv;
import org.xai4j.run.TrainingState;

/**
 * Writes one row per epoch to {@code metrics.csv} in the run folder: epoch, learning rate, every training loss
 * part, the total, validation loss and AUC, time and throughput.
 */
public final class MetricsCsvListener implements TrainingListener {
    private final Path file;
    private final List<String> lossParts;
    private MetricsCsv csv;

    /** @param lossParts names of the loss parts the training step reports, in column order */
    public MetricsCsvListener(Path file, List<String> lossParts) {
        this.file = file;
        this.lossParts = List.copyOf(lossParts);
    }

    /** Column names, in order. */
    public List<String> columns() {
        List<String> c = new ArrayList<>(List.of("epoch", "lr"));
        lossParts.forEach(p -> c.add("train_" + p));
        c.addAll(List.of("train_loss", "val_loss", "val_auc", "seconds", "images_per_second", "best"));
        return c;
    }

    @Override
    public void onStart(Classifier classifier, TrainingState state, int batchesPerEpoch) {
        // a resumed run keeps the rows up to its checkpoint's epoch: later ones (written after the checkpoint by a
        // run that was then killed) would otherwise be duplicated
        csv = state.epoch() > 0 && java.nio.file.Files.isRegularFile(file)
                ? MetricsCsv.resume(file, columns(), row -> Integer.parseInt(row.get(0)) <= state.epoch())
                : new MetricsCsv(file, columns());
    }

    @Override
    public void onEpoch(Classifier classifier, EpochSummary s) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("epoch", s.epoch());
        row.put("lr", s.learningRate());
        double total = 0;
        for (String p : lossParts) {
            double v = s.trainLoss().getOrDefault(p, Double.NaN);
            row.put("train_" + p, v);
            total += v;
        }
        row.put("train_loss", total);
        row.put("val_loss", s.valLoss());
        row.put("val_auc", s.valAuc());
        row.put("seconds", s.seconds());
        row.put("images_per_second", s.imagesPerSecond());
        row.put("best", s.improved() ? 1 : 0);
        csv.append(row);
    }
}
