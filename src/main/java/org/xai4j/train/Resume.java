package org.xai4j.train;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.xai4j.config.ConfigLoader;
import org.xai4j.config.RunConfig;
import org.xai4j.model.ModelOptions;
import org.xai4j.run.Checkpoint;
import org.xai4j.run.CheckpointChoice;
import org.xai4j.run.RunFolder;
import org.xai4j.run.TrainingState;
import org.xai4j.util.AtomicFiles;

/**
 * What {@code train --resume CHECKPOINT} promises (docs/reliability.md): the run goes on with its own configuration
 * (the run folder's {@code config.yaml}; the command line may change only {@link #CHANGEABLE}), the checkpoint must
 * fit that configuration and leave epochs to train, and the run folder's history stays append-only: resuming in the
 * checkpoint's own folder is allowed from the checkpoint of its last epoch only (metrics rows after that epoch, left
 * by a kill between checkpoint and metrics write, are dropped), and resuming from an earlier checkpoint
 * ({@code best}, {@code epoch-N}) continues in a new folder ({@code --name}) that starts with the source's metrics up
 * to that epoch and its best checkpoint so far.
 */
public final class Resume {
    /** Settings a resumed run may change (a key or any key under it). */
    public static final List<String> CHANGEABLE = List.of("train.epochs", "train.schedule", "train.earlyStopping",
            "train.ui", "train.statsEvery", "train.keepEpochCheckpoints");

    private Resume() {
    }

    /**
     * The resumed run's configuration: its folder's {@code config.yaml} with {@code overrides}, each of which must
     * be {@link #CHANGEABLE}.
     *
     * @param configFile a {@code --config} given along with {@code --resume}: refused, the run has its own
     */
    public static RunConfig config(Path checkpoint, Path configFile, List<String> overrides) {
        RunFolder source = sourceFolder(checkpoint);
        if (configFile != null) {
            throw new IllegalArgumentException("--config: a resumed run continues with its own configuration ("
                    + source.resolve(RunFolder.CONFIG) + "); drop --config, and change only " + CHANGEABLE
                    + " with --set");
        }
        for (String o : overrides) {
            String key = o.contains("=") ? o.substring(0, o.indexOf('=')).trim() : o.trim();
            if (CHANGEABLE.stream().noneMatch(c -> key.equals(c) || key.startsWith(c + "."))) {
                throw new IllegalArgumentException("--set " + key + ": a resumed run cannot change it (it would no "
                        + "longer be the run its checkpoint belongs to); allowed: " + CHANGEABLE
                        + ", or start a new run (fine-tune from the checkpoint with train.finetune)");
            }
        }
        return ConfigLoader.load(source.resolve(RunFolder.CONFIG), RunConfig.class, overrides);
    }

    /** The folder a checkpoint file lies in, checked to be a run folder. */
    static RunFolder sourceFolder(Path checkpoint) {
        if (!Files.isRegularFile(checkpoint)) {
            throw new IllegalArgumentException("--resume: checkpoint " + checkpoint + " not found");
        }
        Path dir = checkpoint.toAbsolutePath().getParent();
        if (!Files.isRegularFile(dir.resolve(RunFolder.CONFIG))) {
            throw new IllegalArgumentException("--resume: " + checkpoint + " is not in a run folder (no "
                    + RunFolder.CONFIG + " next to it)");
        }
        return new RunFolder(dir);
    }

    /** Refuses a checkpoint whose model is not the configured one, or that has no epochs left to train. */
    static void check(Path file, Checkpoint checkpoint, RunConfig config) {
        ModelOptions saved = checkpoint.classifier().description().options();
        ModelOptions asked = config.model();
        if (!saved.architecture().equals(asked.architecture())
                || !saved.widthMultiplier().equals(asked.widthMultiplier())
                || !Objects.equals(saved.blocks(), asked.blocks())) {
            throw new IllegalArgumentException("--resume: checkpoint " + file + " holds " + describe(saved)
                    + " but the configuration asks for " + describe(asked));
        }
        int done = checkpoint.state().epoch();
        if (config.train().epochs() <= done) {
            throw new IllegalArgumentException("train.epochs: " + config.train().epochs() + " but checkpoint " + file
                    + " has already completed epoch " + done + ", so there is nothing to train; raise it, e.g. "
                    + "--set train.epochs=" + (done + 1));
        }
    }

    private static String describe(ModelOptions m) {
        return m.architecture() + " (width " + m.widthMultiplier() + (m.blocks() == null ? "" : ", blocks "
                + m.blocks()) + ")";
    }

    /**
     * The folder the resumed run writes to: the checkpoint's own (from its last epoch only) when {@code runName} is
     * null, else a new folder holding the source's metrics up to the checkpoint's epoch and its best checkpoint.
     */
    static RunFolder folder(Path file, TrainingState state, Path root, String runName, String prefix,
                            boolean overwrite) {
        RunFolder source = sourceFolder(file);
        AtomicFiles.removeStaleTemporaries(source.dir());
        if (runName == null) {
            Path last = source.resolve(RunFolder.LAST);
            int lastEpoch = Files.isRegularFile(last) ? Checkpoint.readState(last).epoch() : 0;
            if (lastEpoch > state.epoch()) {
                throw new IllegalArgumentException("--resume " + file + ": it stands at epoch " + state.epoch()
                        + " but its run went on to epoch " + lastEpoch + " (" + last + "); resuming it in place would "
                        + "rewrite that history. Continue it in a new folder with --name NEW, or resume from " + last);
            }
            return source;
        }
        RunFolder folder = RunFolder.create(root, runName, prefix, overwrite);
        copy(source.resolve(RunFolder.METRICS), folder.resolve(RunFolder.METRICS));
        Path best = bestSoFar(file, state, source);
        copy(best, folder.resolve(RunFolder.BEST));
        return folder;
    }

    /** The checkpoint of the best epoch up to {@code state}'s epoch. */
    private static Path bestSoFar(Path file, TrainingState state, RunFolder source) {
        if (state.bestEpoch() == state.epoch() || state.bestEpoch() == 0) {
            return file;
        }
        for (Path candidate : new Path[] {source.resolve(RunFolder.BEST),
                source.resolve(CheckpointChoice.epochFile(state.bestEpoch()))}) {
            if (Files.isRegularFile(candidate) && Checkpoint.readState(candidate).epoch() == state.bestEpoch()) {
                return candidate;
            }
        }
        throw new IllegalArgumentException("--resume " + file + ": its best epoch so far (" + state.bestEpoch()
                + ") has no checkpoint left in " + source + " (best.ckpt is of a later epoch); keep per-epoch "
                + "checkpoints with train.keepEpochCheckpoints: true, or resume from "
                + source.resolve(RunFolder.LAST));
    }

    private static void copy(Path from, Path to) {
        if (!Files.isRegularFile(from)) {
            return;
        }
        AtomicFiles.write(to, out -> Files.copy(from, out));
    }
}
