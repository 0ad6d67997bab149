package org.xai4j.tune;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.deeplearning4j.arbiter.optimize.api.Candidate;
import org.deeplearning4j.arbiter.optimize.api.CandidateGenerator;
import org.deeplearning4j.arbiter.optimize.api.OptimizationResult;
import org.deeplearning4j.arbiter.optimize.api.TaskCreator;
import org.deeplearning4j.arbiter.optimize.api.data.DataProvider;
import org.deeplearning4j.arbiter.optimize.api.data.DataSource;
import org.deeplearning4j.arbiter.optimize.api.score.ScoreFunction;
import org.deeplearning4j.arbiter.optimize.api.termination.MaxCandidatesCondition;
import org.deeplearning4j.arbiter.optimize.api.termination.MaxTimeCondition;
import org.deeplearning4j.arbiter.optimize.api.termination.TerminationCondition;
import org.deeplearning4j.arbiter.optimize.config.OptimizationConfiguration;
import org.deeplearning4j.arbiter.optimize.generator.GridSearchCandidateGenerator;
import org.deeplearning4j.arbiter.optimize.generator.RandomSearchGenerator;
import org.deeplearning4j.arbiter.optimize.runner.CandidateInfo;
import org.deeplearning4j.arbiter.optimize.runner.CandidateStatus;
import org.deeplearning4j.arbiter.optimize.runner.IOptimizationRunner;
import org.deeplearning4j.arbiter.optimize.runner.LocalOptimizationRunner;
import org.deeplearning4j.arbiter.optimize.runner.listener.StatusListener;
import org.xai4j.config.ConfigException;
import org.xai4j.config.ConfigLoader;
import org.xai4j.config.RunConfig;

/**
 * {@code xai4j tune}: hyper-parameter search over the project's own training loop with Arbiter (DESIGN.md decision
 * 6). Arbiter's {@link RandomSearchGenerator} or {@link GridSearchCandidateGenerator} draws candidates from the
 * {@link SearchSpace} (seeded, so a resumed search draws the same candidates in the same order), its
 * {@link LocalOptimizationRunner} runs them one at a time until the trial count or the time budget is reached, and
 * a {@link TaskCreator} hands each to a {@link TrialRunner}, which trains it with {@code TrainingRun} and scores it
 * with the {@link Objective} on the validation split. Of Arbiter, only the generic core is used: its DL4J model
 * spaces, score functions and savers (built for the 1.0.0-beta7 API) are not.
 */
public final class TuneJob {
    private TuneJob() {
    }

    /**
     * @param config      base config (null for built-in defaults); not with {@code resume}
     * @param overrides   {@code --set} overrides of the base config; not with {@code resume}
     * @param space       search space file; not with {@code resume}
     * @param trials      {@code --trials}, replacing the space file's (null keeps it)
     * @param budget      {@code --budget}, replacing the space file's (null keeps it)
     * @param name        search folder name under {@code checkpoints} (null for {@code tune-<timestamp>})
     * @param checkpoints where the search folder goes
     * @param resume      a search folder to continue (its stored config, overrides and space are used)
     * @param dataDir     what relative data paths of the config are resolved against (default: the working
     *                    directory)
     */
    public record Request(Path config, List<String> overrides, Path space, Integer trials, String budget, String name,
                          Path checkpoints, Path resume, Path dataDir) {
        public Request {
            overrides = overrides == null ? List.of() : List.copyOf(overrides);
            checkpoints = checkpoints == null ? Path.of("checkpoints") : checkpoints;
            dataDir = dataDir == null ? Path.of(".") : dataDir;
        }

        /** A request whose data paths are relative to the working directory, as {@code xai4j train}'s. */
        public Request(Path config, List<String> overrides, Path space, Integer trials, String budget, String name,
                       Path checkpoints, Path resume) {
            this(config, overrides, space, trials, budget, name, checkpoints, resume, null);
        }
    }

    /**
     * @param folder the search folder
     * @param trials every trial that ended (this call's and the recorded ones), by number
     * @param best   the done trial with the highest objective
     */
    public record Result(SearchFolder folder, List<Trial> trials, Optional<Trial> best) {
        public String describe() {
            StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "search folder: %s%n%d trials:",
                    folder.dir(), trials.size()));
            for (Trial.Status s : Trial.Status.values()) {
                long n = trials.stream().filter(t -> t.status() == s).count();
                if (n > 0) {
                    b.append(' ').append(n).append(' ').append(s.label());
                }
            }
            b.append(System.lineSeparator());
            best.ifPresentOrElse(t -> b.append(String.format(Locale.ROOT, "best: %s, objective %.4f %s: %s%n"
                            + "its config: %s%n", Trial.folderName(t.number()), t.objective(), t.terms(),
                    String.join(", ", SearchSpace.overrides(t.parameters())),
                    folder.resolve(SearchReport.BEST))), () -> b.append("no trial finished").append(
                    System.lineSeparator()));
            return b.toString();
        }
    }

    public static Result run(Request request, PrintStream out) {
        SearchFolder folder = request.resume() != null ? resumed(request) : created(request);
        TuneOptions options = ConfigLoader.fromYaml(folder.spaceYaml(), folder.spaceSource(), TuneOptions.class,
                List.of()).with(request.trials(), request.budget());
        SearchSpace space = SearchSpace.parse(options.parameters(), folder.spaceSource());
        TrialRunner runner = new TrialRunner(folder, space, options, request.dataDir(), out);
        CandidateGenerator generator = generator(options, space);
        int trials = options.search() == TuneOptions.Search.GRID
                ? Math.min(options.trials(), ((GridSearchCandidateGenerator) generator).getTotalNumCandidates())
                : options.trials();
        List<TerminationCondition> stop = new ArrayList<>(List.of(new MaxCandidatesCondition(trials)));
        Duration budget = options.budgetDuration();
        if (budget != null) {
            stop.add(new MaxTimeCondition(budget.toSeconds(), TimeUnit.SECONDS));
        }
        out.printf(Locale.ROOT, "%s search, %d trials%s, objective %s%s -> %s%n",
                options.search().name().toLowerCase(Locale.ROOT), trials,
                budget == null ? "" : ", budget " + options.budget(), options.objective().describe(),
                options.prune().enabled() ? ", median pruning from epoch " + options.prune().afterEpochs() : "",
                folder.dir());
        OptimizationConfiguration configuration = new OptimizationConfiguration.Builder()
                .candidateGenerator(generator).scoreFunction(new ObjectiveScore())
                .terminationConditions(stop).build();
        LocalOptimizationRunner arbiter = new LocalOptimizationRunner(1, configuration,
                new TrialTasks(runner, folder, space, options.objective()));
        arbiter.execute();
        // each task already rewrote the outputs after its trial
        List<Trial> ended = new ArrayList<>(runner.finished());
        ended.sort((a, b) -> Integer.compare(a.number(), b.number()));
        return new Result(folder, ended, SearchReport.best(ended));
    }

    /** A new search: everything checked before the folder is created, so a bad space or key writes nothing. */
    private static SearchFolder created(Request r) {
        if (r.space() == null) {
            throw new IllegalArgumentException("--space: a search space file is needed (or --resume a search)");
        }
        String spaceYaml = text(r.space(), "--space");
        String baseYaml = r.config() == null ? "" : text(r.config(), "--config");
        String baseSource = r.config() == null ? ConfigLoader.DEFAULTS_SOURCE : r.config().toString();
        TuneOptions options = ConfigLoader.fromYaml(spaceYaml, r.space().toString(), TuneOptions.class, List.of())
                .with(r.trials(), r.budget());
        SearchSpace space = SearchSpace.parse(options.parameters(), r.space().toString());
        check(baseYaml, baseSource, r.overrides(), space, r.space().toString());
        String name = r.name() != null ? r.name()
                : "tune-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        return SearchFolder.create(r.checkpoints(), name, baseYaml, r.overrides(), spaceYaml);
    }

    private static String text(Path file, String option) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigException(option + " " + file + ": file not found");
        }
        return SearchFolder.read(file);
    }

    private static SearchFolder resumed(Request r) {
        if (r.config() != null || r.space() != null || !r.overrides().isEmpty() || r.name() != null) {
            throw new IllegalArgumentException("--resume continues the search stored in " + r.resume() + " with its "
                    + "own base config, overrides and space: leave out --config, --set, --space and --name "
                    + "(--trials and --budget may change)");
        }
        return SearchFolder.open(r.resume());
    }

    /**
     * Refuses a key that is both overridden and searched, and binds the base config at both ends of every range,
     * so that a key the config does not have, or a value it refuses, is reported before anything trains.
     */
    static void check(String baseYaml, String baseSource, List<String> overrides, SearchSpace space,
                      String spaceSource) {
        for (String o : overrides) {
            String key = o.contains("=") ? o.substring(0, o.indexOf('=')).trim() : o;
            for (SearchParameter p : space.parameters()) {
                if (p.key().equals(key)) {
                    throw new IllegalArgumentException(spaceSource + ": parameters." + key + " is searched and also "
                            + "set by --set " + o + ": drop one of them");
                }
            }
        }
        int n = space.parameters().size();
        for (double end : new double[] {0, 1}) {
            double[] u = new double[n];
            Arrays.fill(u, end);
            Map<String, String> values = space.rendered(space.getValue(u));
            List<String> all = new ArrayList<>(overrides);
            all.addAll(SearchSpace.overrides(values));
            try {
                ConfigLoader.fromYaml(baseYaml, baseSource, RunConfig.class, all);
            } catch (ConfigException e) {
                throw new ConfigException(spaceSource + ": the base config does not take the searched values "
                        + values + ": " + e.getMessage(), e);
            }
        }
    }

    private static CandidateGenerator generator(TuneOptions options, SearchSpace space) {
        CandidateGenerator g = options.search() == TuneOptions.Search.GRID
                ? new GridSearchCandidateGenerator(space, options.gridPoints(),
                GridSearchCandidateGenerator.Mode.Sequential, null)
                : new RandomSearchGenerator(space, null);
        g.setRngSeed(options.seed());
        return g;
    }

    /** Arbiter's task creator: each candidate becomes one {@link TrialRunner#run} call. */
    private record TrialTasks(TrialRunner runner, SearchFolder folder, SearchSpace space, ObjectiveOptions objective)
            implements TaskCreator {
        @Override
        public Callable<OptimizationResult> create(Candidate candidate, DataProvider dataProvider,
                                                   ScoreFunction scoreFunction, List<StatusListener> statusListeners,
                                                   IOptimizationRunner optimizationRunner) {
            return task(candidate);
        }

        @Override
        public Callable<OptimizationResult> create(Candidate candidate, Class<? extends DataSource> dataSource,
                                                   Properties dataSourceProperties, ScoreFunction scoreFunction,
                                                   List<StatusListener> statusListeners,
                                                   IOptimizationRunner optimizationRunner) {
            return task(candidate);
        }

        @SuppressWarnings("unchecked")
        private Callable<OptimizationResult> task(Candidate candidate) {
            return () -> {
                long start = System.currentTimeMillis();
                Trial trial = runner.run(candidate.getIndex() + 1, (Map<String, Object>) candidate.getValue());
                SearchReport.write(folder, space, objective, runner.finished());
                boolean ok = trial.status() == Trial.Status.DONE;
                CandidateInfo info = new CandidateInfo(candidate.getIndex(),
                        ok ? CandidateStatus.Complete : CandidateStatus.Failed, ok ? trial.objective() : null, start,
                        start, System.currentTimeMillis(), candidate.getFlatParameters(),
                        ok ? null : trial.message());
                return new OptimizationResult(candidate, ok ? trial.objective() : null, candidate.getIndex(), trial,
                        info, null);
            };
        }
    }

    /**
     * A trial's score is its {@link Objective} value, computed inside its task on the validation split (so the data
     * arguments play no part); higher is better.
     */
    private static final class ObjectiveScore implements ScoreFunction {
        @Override
        public double score(Object model, DataProvider dataProvider, Map<String, Object> dataParameters) {
            return objective(model);
        }

        @Override
        public double score(Object model, Class<? extends DataSource> dataSource, Properties dataSourceProperties) {
            return objective(model);
        }

        private static double objective(Object model) {
            if (!(model instanceof Trial trial)) {
                throw new IllegalArgumentException("a tune score is the objective of a Trial, got " + model);
            }
            return trial.objective();
        }

        @Override
        public boolean minimize() {
            return false;
        }

        @Override
        public List<Class<?>> getSupportedModelTypes() {
            return Collections.emptyList();
        }

        @Override
        public List<Class<?>> getSupportedDataTypes() {
            return Collections.emptyList();
        }
    }
}
