package org.xai4j.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.xai4j.experiments.AttributionConstraintExperiment;
import org.xai4j.experiments.ConstraintVariant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code xai4j experiment attribution-constraint}. */
@Command(name = "attribution-constraint", mixinStandardHelpOptions = true,
        description = "Train the unconstrained and attribution-constrained classifiers on synthetic brain slices and "
                + "tabulate test AUC and lesion-segmentation Dice of their attribution maps against the intensity "
                + "and autoencoder baselines (Wargnier-Dauchelle et al., IEEE TMI 2023).")
public final class AttributionConstraintExperimentCommand implements Callable<Integer> {
    @Option(names = "--folder", defaultValue = "experiments/attribution-constraint",
            description = "experiment folder with base.yaml and README.md (default: ${DEFAULT-VALUE})")
    Path folder;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "override applied to every model (repeatable)")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--variants", split = ",", description = "models to train (default: all of ${COMPLETION-CANDIDATES})",
            completionCandidates = VariantNames.class)
    List<String> variants;

    @Option(names = "--variant", paramLabel = "NAME:KEY=VALUE[;KEY=VALUE...]",
            description = "an extra model: a name and overrides of the base config (repeatable)")
    List<String> extra = new ArrayList<>();

    @Option(names = "--no-baselines", description = "skip the intensity and autoencoder baselines")
    boolean noBaselines;

    @Option(names = "--no-models", description = "train no classifier (only the baselines)")
    boolean noModels;

    @Option(names = "--seeds", split = ",", paramLabel = "SEED",
            description = "run seeds; every model and the autoencoder is trained once per seed and the table gives "
                    + "mean +- sd (default: the base config's seed)")
    List<Long> seeds = new ArrayList<>();

    @Option(names = "--reuse", description = "keep models already trained in out/runs (finished up to their test "
            + "evaluation); only score them")
    boolean reuse;

    @Option(names = "--ae-epochs", defaultValue = "10", description = "autoencoder epochs (default: ${DEFAULT-VALUE})")
    int aeEpochs;

    /** The names of the default variants, for the help text. */
    static final class VariantNames extends ArrayList<String> {
        VariantNames() {
            super(AttributionConstraintExperiment.VARIANTS.stream().map(ConstraintVariant::name).toList());
        }
    }

    @Override
    public Integer call() {
        List<ConstraintVariant> chosen = new ArrayList<>();
        if (noModels) {
            chosen.clear();
        } else if (variants == null) {
            chosen.addAll(extra.isEmpty() ? AttributionConstraintExperiment.VARIANTS : List.of());
        } else {
            for (String name : variants) {
                chosen.add(AttributionConstraintExperiment.VARIANTS.stream().filter(v -> v.name().equals(name.trim()))
                        .findFirst().orElseThrow(() -> new IllegalArgumentException("--variants: unknown '" + name
                                + "' (allowed: " + new VariantNames() + ")")));
            }
        }
        for (String e : extra) {
            int colon = e.indexOf(':');
            if (colon < 1) {
                throw new IllegalArgumentException("--variant: expected NAME:KEY=VALUE[;KEY=VALUE...], got '" + e + "'");
            }
            String body = e.substring(colon + 1).trim();
            chosen.add(new ConstraintVariant(e.substring(0, colon).trim(),
                    body.isEmpty() ? List.of() : List.of(body.split(";"))));
        }
        new AttributionConstraintExperiment(folder, overrides, chosen, !noBaselines, aeEpochs, seeds, reuse, System.out)
                .run();
        return 0;
    }
}
