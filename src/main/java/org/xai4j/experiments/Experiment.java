package org.xai4j.experiments;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The shape every experiment follows: a name (its folder {@code experiments/<name>/} and its command
 * {@code xai4j experiment <name>}), the models it trains by default ({@link Variant}s of the folder's base config),
 * the options of its own, and a {@link #run} that trains or reuses each variant at each seed, scores it, writes the
 * outputs under the folder's {@code out/} and the table between the README's markers ({@link ReadmeTable}). The
 * extension recipe: one class implementing this, one {@link Experiments#register} line.
 */
public interface Experiment {
    /** The command and folder name: lower-case letters, digits and '-'. */
    String name();

    /** One sentence for the command's help: what the experiment reproduces. */
    String description();

    /** The models trained when the command names none, in table order. */
    List<Variant> variants();

    /** Options of this experiment alone ({@code --option NAME=VALUE}): name -> help text with the default. */
    default Map<String, String> options() {
        return Map.of();
    }

    /**
     * Trains (or, with {@link ExperimentRequest#reuse()}, finds) the request's variants and writes the results.
     *
     * @return where the outputs went and a one-line summary
     */
    Outcome run(ExperimentRequest request);

    /**
     * @param out     the outputs folder
     * @param summary one line for the console
     */
    record Outcome(Path out, String summary) {
    }
}
