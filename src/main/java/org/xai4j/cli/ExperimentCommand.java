package org.xai4j.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.xai4j.experiments.Experiment;
import org.xai4j.experiments.ExperimentRequest;
import org.xai4j.experiments.Experiments;
import org.xai4j.experiments.Variant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code xai4j experiment NAME}: regenerate a registered {@link Experiment}'s results table and figures. The options
 * are the same for every experiment; what is an experiment's own comes as {@code --option KEY=VALUE}.
 */
@Command(name = "experiment", mixinStandardHelpOptions = true,
        description = "Regenerate the results of an experiment folder (experiments/<name>/): train or reuse its "
                + "models, score them, write out/ and the README table. Without NAME (or with --list): the "
                + "registered experiments (attribution-constraint, adversarial-interpretability, ...), their models "
                + "and options.")
public final class ExperimentCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "the experiment")
    String name;

    @Option(names = "--list", description = "print the registered experiments, their models and options")
    boolean list;

    @Option(names = "--folder", description = "experiment folder with its base config and README.md "
            + "(default: experiments/NAME)")
    Path folder;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "override applied to every model (repeatable)")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--variants", split = ",", paramLabel = "MODEL",
            description = "the experiment's models to train, by name (default: all; --list names them)")
    List<String> variants;

    @Option(names = "--variant", paramLabel = "NAME:KEY=VALUE[;KEY=VALUE...]",
            description = "an extra model: a name and overrides of the base config (repeatable)")
    List<String> extra = new ArrayList<>();

    @Option(names = "--no-models", description = "train none of the experiment's models (only --variant ones, or "
            + "its baselines)")
    boolean noModels;

    @Option(names = "--seeds", split = ",", paramLabel = "SEED",
            description = "run seeds; every model is trained once per seed and tables give mean +- sd "
                    + "(default: the base config's seed)")
    List<Long> seeds = new ArrayList<>();

    @Option(names = "--reuse", description = "keep models already trained in out/runs (finished up to their test "
            + "evaluation); only score them")
    boolean reuse;

    @Option(names = "--quick", description = "tiny images and one epoch: checks the pipeline, not a result (outputs "
            + "only under out/)")
    boolean quick;

    @Option(names = "--option", paramLabel = "KEY=VALUE", description = "an option of this experiment (repeatable)")
    List<String> options = new ArrayList<>();

    @Override
    public Integer call() {
        if (list || name == null) {
            for (String n : Experiments.names()) {
                Experiment e = Experiments.named(n);
                System.out.println(n + ": " + e.description());
                System.out.println("  models: " + String.join(", ", e.variants().stream().map(Variant::name).toList()));
                new TreeMap<>(e.options()).forEach((k, v) -> System.out.println("  --option " + k + "=...: " + v));
            }
            return 0;
        }
        Experiment experiment = Experiments.named(name);
        ExperimentRequest request = new ExperimentRequest(folder == null ? Path.of("experiments", experiment.name())
                : folder, overrides, chosen(experiment), seeds, reuse, quick, parsedOptions(experiment), System.out);
        Experiment.Outcome outcome = experiment.run(request);
        System.out.println("experiment " + experiment.name() + " done: " + outcome.summary());
        return 0;
    }

    private List<Variant> chosen(Experiment experiment) {
        List<Variant> chosen = new ArrayList<>();
        if (variants != null) {
            for (String v : variants) {
                chosen.add(experiment.variants().stream().filter(d -> d.name().equals(v.trim())).findFirst()
                        .orElseThrow(() -> new IllegalArgumentException("--variants: unknown '" + v + "' (allowed: "
                                + String.join(", ", experiment.variants().stream().map(Variant::name).toList())
                                + ")")));
            }
        } else if (!noModels && extra.isEmpty()) {
            chosen.addAll(experiment.variants());
        }
        for (String e : extra) {
            chosen.add(Variant.parse(e));
        }
        return chosen;
    }

    private Map<String, String> parsedOptions(Experiment experiment) {
        Map<String, String> parsed = new LinkedHashMap<>();
        for (String o : options) {
            int eq = o.indexOf('=');
            String key = eq < 1 ? o : o.substring(0, eq).trim();
            if (eq < 1 || !experiment.options().containsKey(key)) {
                throw new IllegalArgumentException("--option: expected KEY=VALUE with KEY one of "
                        + (experiment.options().isEmpty() ? "(none: " + experiment.name() + " has no options)"
                        : experiment.options().keySet()) + ", got '" + o + "'");
            }
            parsed.put(key, o.substring(eq + 1));
        }
        return parsed;
    }
}
