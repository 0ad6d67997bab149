package org.xai4j.experiments;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What {@code xai4j experiment <name>} asks of an {@link Experiment}.
 *
 * @param folder    the experiment folder (its base config and README.md; outputs go to {@link #outDir()})
 * @param overrides {@code --set} overrides applied to every model on top of the base config
 * @param variants  the models to train, in table order
 * @param seeds     run seeds (every variant is trained once per seed); empty: the base config's seed
 * @param reuse     keep models already trained in {@code out/runs} ({@link ExperimentRuns#trainUnlessDone})
 * @param quick     shrink everything to check the pipeline in seconds; the README table is then left alone
 * @param options   the experiment's own options, checked against {@link Experiment#options()}
 * @param out       progress messages
 */
public record ExperimentRequest(Path folder, List<String> overrides, List<Variant> variants, List<Long> seeds,
                                boolean reuse, boolean quick, Map<String, String> options, PrintStream out) {
    public ExperimentRequest {
        overrides = List.copyOf(overrides);
        variants = List.copyOf(variants);
        seeds = List.copyOf(seeds);
        options = Map.copyOf(options);
    }

    /**
     * Where the experiment writes: {@code out/} of its folder, or {@code out/quick/} for a {@code --quick} run, so a
     * pipeline check never replaces the models and tables of the real run.
     */
    public Path outDir() {
        return quick ? folder.resolve("out").resolve("quick") : folder.resolve("out");
    }

    /** The integer option {@code name}, or {@code fallback} when it is not set; not an integer >= 1 is an error. */
    public int positiveInt(String name, int fallback) {
        String v = options.get(name);
        if (v == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("--option " + name + ": expected an integer >= 1, got '" + v + "'");
    }

    /** The boolean option {@code name} ({@code true} or {@code false}), or {@code fallback} when it is not set. */
    public boolean flag(String name, boolean fallback) {
        String v = options.get(name);
        if (v == null) {
            return fallback;
        }
        return switch (v.trim()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("--option " + name + ": expected true or false, got '" + v
                    + "'");
        };
    }

    /**
     * For an experiment that trains a single seed: the {@code seed=N} override of the request's one seed, or none
     * (the base config's seed) when it names none; more than one is an error.
     */
    public List<String> singleSeedOverride(String experiment) {
        if (seeds.size() > 1) {
            throw new IllegalArgumentException("--seeds: " + experiment + " trains one seed per invocation, got "
                    + seeds);
        }
        return seeds.isEmpty() ? List.of() : List.of("seed=" + seeds.get(0));
    }
}
