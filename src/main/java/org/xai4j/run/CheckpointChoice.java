package org.xai4j.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which checkpoint of a run a command reads: {@code best} ({@value RunFolder#BEST}), {@code last}
 * ({@value RunFolder#LAST}) or {@code epoch-N} ({@code epoch-N.ckpt}, kept when training was asked to keep every
 * epoch's checkpoint).
 *
 * @param label the name as the user gives it
 */
public record CheckpointChoice(String label) {
    /** The values {@code --checkpoint} accepts, for help texts and messages. */
    public static final String ALLOWED = "best, last or epoch-N";
    private static final Pattern EPOCH = Pattern.compile("epoch-([1-9][0-9]*)");

    public static final CheckpointChoice BEST = new CheckpointChoice("best");
    public static final CheckpointChoice LAST = new CheckpointChoice("last");

    /** Parses a {@code --checkpoint} value; anything else is an error naming the value and what is allowed. */
    public static CheckpointChoice parse(String value) {
        if (value == null || !(value.equals("best") || value.equals("last") || EPOCH.matcher(value).matches())) {
            throw new IllegalArgumentException("--checkpoint: unknown '" + value + "' (allowed: " + ALLOWED + ")");
        }
        return new CheckpointChoice(value);
    }

    /** The checkpoint file name of epoch {@code epoch} ({@code epoch-N.ckpt}). */
    public static String epochFile(int epoch) {
        return "epoch-" + epoch + ".ckpt";
    }

    public boolean isBest() {
        return label.equals("best");
    }

    /**
     * The folder name an analysis of kind {@code kind} writes to under the run: {@code kind} for {@code best},
     * {@code kind-<choice>} for any other, so an analysis of {@code last} never overwrites the one of {@code best}.
     */
    public String outputName(String kind) {
        return isBest() ? kind : kind + "-" + label;
    }

    /** The file in {@code folder}; an error naming the run and the choice when the run has no such checkpoint. */
    public Path file(RunFolder folder) {
        Matcher epoch = EPOCH.matcher(label);
        boolean perEpoch = epoch.matches();
        String name = perEpoch ? epochFile(Integer.parseInt(epoch.group(1)))
                : label.equals("best") ? RunFolder.BEST : RunFolder.LAST;
        Path file = folder.resolve(name);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("--checkpoint " + label + ": run " + folder + " has no " + name
                    + (perEpoch ? " (per-epoch checkpoints are kept with train.keepEpochCheckpoints: true)" : ""));
        }
        return file;
    }
}
