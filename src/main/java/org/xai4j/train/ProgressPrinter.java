package org.xai4j.train;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import org.xai4j.model.Classifier;
import org.xai4j.run.TrainingState;
import org.xai4j.step.StepResult;

/**
 * Shows training progress on the terminal: epoch, batch, img/s, ETA and the current loss parts, rewritten
 * in place on a console and printed every {@code interval} seconds otherwise; one summary line per epoch.
 */
public final class ProgressPrinter implements TrainingListener {
    private final PrintStream out;
    private final int epochs;
    private final boolean console;
    private final double intervalSeconds;
    private int batchesPerEpoch;
    private int startEpoch;
    private long runStart;
    private long epochStart;
    private long imagesThisEpoch;
    private long lastPrint;

    public ProgressPrinter(PrintStream out, int epochs) {
        this(out, epochs, System.console() != null, System.console() != null ? 0.5 : 10);
    }

    ProgressPrinter(PrintStream out, int epochs, boolean console, double intervalSeconds) {
        this.out = out;
        this.epochs = epochs;
        this.console = console;
        this.intervalSeconds = intervalSeconds;
    }

    @Override
    public void onStart(Classifier classifier, TrainingState state, int batchesPerEpoch) {
        this.batchesPerEpoch = batchesPerEpoch;
        this.startEpoch = state.epoch();
        this.runStart = System.nanoTime();
        this.epochStart = runStart;
        this.lastPrint = runStart;
    }

    @Override
    public void onIteration(Classifier classifier, int epoch, int batch, long iteration, StepResult step, int batchSize) {
        long now = System.nanoTime();
        if (batch == 1) {
            // the clock starts when the first batch is done: this call comes after its step, so counting it would
            // divide its images by almost no time (and it carries the warm-up anyway)
            epochStart = now;
            imagesThisEpoch = 0;
        } else {
            imagesThisEpoch += batchSize;
        }
        if ((now - lastPrint) / 1e9 < intervalSeconds && batch != batchesPerEpoch) {
            return;
        }
        lastPrint = now;
        double epochSeconds = (now - epochStart) / 1e9;
        boolean timed = batch > 1 && epochSeconds > 0;
        double perBatch = timed ? epochSeconds / (batch - 1) : Double.NaN;
        double remaining = perBatch * ((batchesPerEpoch - batch) + (double) (epochs - epoch) * batchesPerEpoch);
        String line = String.format(Locale.ROOT, "epoch %d/%d  batch %d/%d  %s img/s  ETA %s  %s", epoch, epochs,
                batch, batchesPerEpoch, timed ? String.format(Locale.ROOT, "%.0f", imagesThisEpoch / epochSeconds)
                        : "-", timed ? duration(remaining) : "-", parts(step.lossParts()));
        if (console) {
            out.print("\r" + line + "   ");
        } else {
            out.println(line);
        }
        out.flush();
    }

    @Override
    public void onEpoch(Classifier classifier, EpochSummary s) {
        if (console) {
            out.println();
        }
        double elapsed = (System.nanoTime() - runStart) / 1e9;
        out.println(String.format(Locale.ROOT,
                "epoch %d/%d done in %s (%.0f img/s)  train %s  val_loss %.4f  val_auc %.4f  lr %.2g%s  [%s elapsed]",
                s.epoch(), epochs, duration(s.seconds()), s.imagesPerSecond(), parts(s.trainLoss()), s.valLoss(),
                s.valAuc(), s.learningRate(), s.improved() ? "  *best*" : "", duration(elapsed)));
        out.flush();
    }

    static String parts(Map<String, Double> parts) {
        StringBuilder b = new StringBuilder();
        parts.forEach((k, v) -> b.append(b.length() == 0 ? "" : " ").append(k).append(' ')
                .append(String.format(Locale.ROOT, "%.4f", v)));
        return b.toString();
    }

    static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60)
                : s >= 60 ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60) : s + "s";
    }

    int startEpoch() {
        return startEpoch;
    }
}
