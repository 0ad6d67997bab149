package org.xai4j.train;

import java.io.PrintStream;
import java.util.List;
import org.xai4j.adversarial.WarmStartOptions;
import org.xai4j.config.ConfigLoader;
import org.xai4j.config.ConfigWriter;
import org.xai4j.config.RunConfig;
import org.xai4j.data.SampleSet;
import org.xai4j.run.Checkpoint;
import org.xai4j.run.RunFolder;
import org.xai4j.run.TrainingState;

/**
 * The clean phase of adversarial training with warm start ({@code train.adversarial.warmStart}; Khakzar et al.,
 * MICCAI 2019: "first train normally to convergence, then continue with adversarial loss"). It is an ordinary
 * run in the sub-folder {@code warmup/} of the adversarial run, with the same config except: no attack, at most
 * {@code warmStart.epochs} epochs and early stopping after {@code warmStart.patience} epochs without improvement.
 * The adversarial phase continues from its best (patience > 0) or last checkpoint, keeping weights, optimiser
 * state and iteration count, and restarting the epoch count, learning rate and best-checkpoint tracking.
 */
public final class WarmStart {
    /** Name of the clean phase's run folder inside the adversarial run's folder. */
    public static final String FOLDER = "warmup";

    private WarmStart() {
    }

    /** Runs the clean phase into {@code <runDir>/warmup} and returns the checkpoint to continue from. */
    public static Checkpoint run(RunConfig config, SampleSet data, RunFolder folder, PrintStream out) {
        WarmStartOptions w = config.train().adversarial().warmStart();
        RunConfig clean = ConfigLoader.fromTree(ConfigWriter.toTree(config), "warm start", RunConfig.class, List.of(
                "train.adversarial.mode=none", "train.adversarial.fraction=1.0", "train.adversarial.warmStart.epochs=0",
                "train.adversarial.warmStart.patience=0", "train.epochs=" + w.epochs(),
                "train.earlyStopping.patience=" + w.patience()));
        out.println("warm start: up to " + w.epochs() + " clean epochs"
                + (w.patience() > 0 ? " (until " + w.patience() + " epochs without improvement)" : ""));
        TrainingRun.Outcome phase = new TrainingRun(clean, folder.dir(), FOLDER, null, out).execute(data);
        Checkpoint from = Checkpoint.load(w.patience() > 0 ? phase.result().best() : phase.result().last());
        out.println("warm start done after " + phase.result().state().epoch() + " epochs; adversarial training "
                + "continues from epoch " + from.state().epoch() + " of the clean phase");
        return from;
    }

    /** The state the adversarial phase starts from: iteration count kept, everything else fresh. */
    public static TrainingState continuing(TrainingState clean, double learningRate) {
        return new TrainingState(0, clean.iteration(), learningRate, Double.NaN, 0, 0, 0);
    }
}
