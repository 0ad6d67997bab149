package org.xai4j.train;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.adversarial.AdversarialStep;
import org.xai4j.config.RunConfig;
import org.xai4j.constraint.ConstrainedStep;
import org.xai4j.constraint.ConstraintOptions;
import org.xai4j.constraint.Constraints;
import org.xai4j.data.DataSources;
import org.xai4j.data.Sample;
import org.xai4j.data.SampleSet;
import org.xai4j.data.Split;
import org.xai4j.loss.LogitLoss;
import org.xai4j.loss.Losses;
import org.xai4j.model.BuiltModel;
import org.xai4j.model.Classifier;
import org.xai4j.model.InputShape;
import org.xai4j.model.ModelRegistry;
import org.xai4j.run.Checkpoint;
import org.xai4j.run.Provenance;
import org.xai4j.run.RunFolder;
import org.xai4j.run.TrainingState;
import org.xai4j.step.CompositeStep;
import org.xai4j.step.LossTermOptions;
import org.xai4j.step.LossTerms;
import org.xai4j.step.StandardStep;
import org.xai4j.step.TrainingStep;

/**
 * {@code xai4j train} as a use case: load the data, build (or resume) the model, create the run folder with
 * resolved config and provenance, train with metrics CSV, UI statistics and checkpoints, then evaluate the
 * best checkpoint on the test split.
 */
public final class TrainingRun {
    private final RunConfig config;
    private final Path checkpointsRoot;
    private final String runName;
    private final Path resume;
    private final boolean overwrite;
    private final PrintStream out;
    private final List<TrainingListener> extraListeners;
    private final boolean evaluateTest;

    /** A run that refuses to reuse an existing run folder. */
    public TrainingRun(RunConfig config, Path checkpointsRoot, String runName, Path resume, PrintStream out) {
        this(config, checkpointsRoot, runName, resume, false, out);
    }

    /**
     * @param runName   folder name under {@code checkpointsRoot}; null for {@code <config name>-<timestamp>}
     * @param resume    checkpoint to continue from ({@link Resume}), or null
     * @param overwrite replace an existing folder of that name instead of refusing
     */
    public TrainingRun(RunConfig config, Path checkpointsRoot, String runName, Path resume, boolean overwrite,
                       PrintStream out) {
        this.config = config;
        this.checkpointsRoot = checkpointsRoot;
        this.runName = runName;
        this.resume = resume;
        this.overwrite = overwrite;
        this.out = out;
        this.extraListeners = List.of();
        this.evaluateTest = true;
    }

    private TrainingRun(TrainingRun base, List<TrainingListener> extraListeners, boolean evaluateTest) {
        this.config = base.config;
        this.checkpointsRoot = base.checkpointsRoot;
        this.runName = base.runName;
        this.resume = base.resume;
        this.overwrite = base.overwrite;
        this.out = base.out;
        this.extraListeners = List.copyOf(extraListeners);
        this.evaluateTest = evaluateTest;
    }

    /** This run with {@code listeners} observing training as well (after the progress, metrics and UI ones). */
    public TrainingRun withListeners(List<TrainingListener> listeners) {
        List<TrainingListener> all = new ArrayList<>(extraListeners);
        all.addAll(listeners);
        return new TrainingRun(this, all, evaluateTest);
    }

    /**
     * This run without the final evaluation on the test split (a hyper-parameter search chooses on validation and
     * must not look at test); {@link Outcome#test()} is then null.
     */
    public TrainingRun withoutTestEvaluation() {
        return new TrainingRun(this, extraListeners, false);
    }

    /**
     * @param folder the run folder
     * @param result how training ended
     * @param test   evaluation of the best checkpoint on the test split (null when there is no test split or the run
     *               was made {@link #withoutTestEvaluation()})
     * @param monitored name of the validation metric that picked the best checkpoint
     */
    public record Outcome(RunFolder folder, TrainingResult result, Evaluation.Summary test, String monitored) {
        public String describe() {
            StringBuilder b = new StringBuilder();
            b.append(String.format(Locale.ROOT, "run folder: %s%nbest epoch %d, best %s %.4f%n", folder.dir(),
                    result.state().bestEpoch(), monitored, result.state().bestMetric()));
            if (test != null) {
                b.append(test.describe());
            }
            return b.toString();
        }
    }

    public Outcome execute() {
        SampleSet data = DataSources.load(config.data(), Path.of("."));
        return execute(data);
    }

    /** Trains on already loaded data (the quickstart generates it once for training and reporting). */
    public Outcome execute(SampleSet data) {
        List<Sample> train = data.split(Split.TRAIN);
        List<Sample> val = data.split(Split.VAL);
        if (train.isEmpty()) {
            throw new IllegalArgumentException("data: the training split is empty");
        }
        LogitLoss loss = loss(config, data, train);
        TrainingData batches = Batching.trainingData(train, val, config);
        Objective objective = objective(config, data, loss, batches.batchesPerEpoch());
        TrainingStep step = objective.step();
        Nd4j.getRandom().setSeed(config.seed());
        InputShape shape = new InputShape(data.channels(), data.depth(), data.height(), data.width());
        Classifier classifier;
        TrainingState state;
        if (resume != null) {
            Checkpoint checkpoint = Checkpoint.load(resume);
            Resume.check(resume, checkpoint, config);
            classifier = checkpoint.classifier();
            state = checkpoint.state();
            out.println("resuming " + resume + " after epoch " + state.epoch());
        } else if (config.train().finetune().enabled()) {
            classifier = FineTuning.initialise(config.train().finetune(), config.train(), shape, data.numLabels());
            state = TrainingState.start(config.train().lr());
            out.println("fine-tuning " + config.train().finetune().from() + ", frozen groups: "
                    + config.train().finetune().freeze());
        } else {
            BuiltModel built = ModelRegistry.build(config.model(), shape, data.numLabels(), config.seed(), DataType.FLOAT);
            OptimizerSetup.apply(built.configuration(), config.train());
            classifier = Classifier.create(built);
            state = TrainingState.start(config.train().lr());
        }
        RunFolder folder = resume == null ? RunFolder.create(checkpointsRoot, runName, config.name(), overwrite)
                : Resume.folder(resume, state, checkpointsRoot, runName, config.name(), overwrite);
        // a fine-tuning run records the architecture it really trains (the checkpoint's)
        folder.writeConfig(config.train().finetune().enabled() ? new RunConfig(config.name(), config.seed(),
                config.data(), classifier.description().options(), config.train()) : config);
        folder.writeProvenance(Provenance.of(config.seed(), data.samples(), "train"));
        if (resume == null && config.train().adversarial().warmStart().enabled()) {
            Checkpoint warm = WarmStart.run(config, data, folder, out);
            classifier = warm.classifier();
            state = WarmStart.continuing(warm.state(), config.train().lr());
        }
        out.printf(Locale.ROOT, "training %s (%,d parameters) on %d images (%d val), %s, %d epochs -> %s%n",
                config.model().architecture(), classifier.graph().numParams(), train.size(), val.size(),
                loss.name(), config.train().epochs(), folder.dir());
        if (config.train().adversarial().enabled()) {
            out.println("adversarial training (" + config.train().adversarial().mode().name().toLowerCase(Locale.ROOT)
                    + ", fraction " + config.train().adversarial().fraction() + "): "
                    + config.train().adversarial().attack().describe(shape));
        }
        List<TrainingListener> listeners = new ArrayList<>();
        listeners.add(new ProgressPrinter(out, config.train().epochs()));
        listeners.add(new MetricsCsvListener(folder.resolve(RunFolder.METRICS), objective.parts()));
        if (config.train().ui()) {
            listeners.add(new UiStatsListener(folder.resolve(UiStatsListener.FILE), config.train().statsEvery(),
                    out));
        }
        listeners.addAll(extraListeners);
        step = AdversarialStep.wrap(config.train().adversarial(), step, loss, shape, config.seed());
        step = FrozenGroups.of(classifier.description(), config.train().finetune().freeze()).wrap(step,
                classifier.graph());
        Trainer trainer = new Trainer(classifier, config.train(), step, loss, folder.dir(), listeners);
        TrainingResult result = trainer.fit(batches, state);
        Evaluation.Summary test = !evaluateTest || data.split(Split.TEST).isEmpty() ? null
                : Evaluation.evaluate(Checkpoint.load(result.best()).classifier(), data, Split.TEST, config,
                        folder.resolve("eval-test"));
        return new Outcome(folder, result, test, config.train().earlyStopping().metric().column());
    }

    /**
     * @param step  the training step before the adversarial and frozen-group wrappers
     * @param parts its loss parts, in metrics-column order
     */
    record Objective(TrainingStep step, List<String> parts) {
    }

    /**
     * The standard step; the attribution-constrained one when {@code train.constraint.enabled}; with
     * {@code train.terms}, a {@link CompositeStep} of the classification loss, the constraint (when on) and those
     * terms. Built before the adversarial and frozen-group wrappers: with adversarial training on as well, the attack
     * perturbs the batch on the classification loss alone and the terms are then evaluated on the perturbed batch,
     * see {@link AdversarialStep}.
     */
    static Objective objective(RunConfig config, SampleSet data, LogitLoss loss, int batchesPerEpoch) {
        ConstraintOptions c = config.train().constraint();
        ConstrainedStep constrained = c.enabled() ? Constraints.step(c, loss, data.labelNames(), data.task(),
                batchesPerEpoch, config.seed()) : null;
        List<CompositeStep.Weighted> terms = new ArrayList<>();
        if (constrained != null) {
            terms.add(new CompositeStep.Weighted(constrained, constrained.lambda()));
        }
        for (LossTermOptions t : config.train().terms()) {
            terms.add(new CompositeStep.Weighted(LossTerms.create(t.name(), new LossTerms.Context(data, t.options(),
                    config.seed(), batchesPerEpoch)), t.schedule(batchesPerEpoch)));
        }
        List<String> parts = new ArrayList<>(List.of(loss.name()));
        terms.forEach(t -> parts.add(t.term().name()));
        TrainingStep step = terms.isEmpty() ? new StandardStep(loss)
                : config.train().terms().isEmpty() ? constrained : new CompositeStep(loss, terms);
        return new Objective(step, parts);
    }

    /** The classification loss a config asks for, with weighted BCE's dataset beta counted on the training split. */
    public static LogitLoss loss(RunConfig config, SampleSet data, List<Sample> train) {
        return Losses.create(config.train().loss(), new Losses.Context(data, train, config.train().beta()));
    }
}
