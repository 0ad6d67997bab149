package org.xai4j.extension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.xai4j.attribution.Attribution;
import org.xai4j.attribution.AttributionOptions;
import org.xai4j.attribution.Attributions;
import org.xai4j.config.ConfigLoader;
import org.xai4j.config.MethodOptionsFile;
import org.xai4j.constraint.AttributionPoint;
import org.xai4j.constraint.ConstrainedStep;
import org.xai4j.constraint.PointSet;
import org.xai4j.constraint.SubBatch;
import org.xai4j.constraint.TrainingAttribution;
import org.xai4j.constraint.TrainingAttributions;
import org.xai4j.cli.Main;
import org.xai4j.config.RunConfig;
import org.xai4j.data.DataSources;
import org.xai4j.data.LabelTask;
import org.xai4j.data.Sample;
import org.xai4j.data.SampleSet;
import org.xai4j.data.Split;
import org.xai4j.experiments.Experiment;
import org.xai4j.experiments.ExperimentRequest;
import org.xai4j.experiments.ExperimentRuns;
import org.xai4j.experiments.Experiments;
import org.xai4j.experiments.ReadmeTable;
import org.xai4j.experiments.Variant;
import org.xai4j.loss.LogitLoss;
import org.xai4j.loss.LossValue;
import org.xai4j.loss.Losses;
import org.xai4j.loss.WeightedBce;
import org.xai4j.model.Mode;
import org.xai4j.model.ModelAdapter;
import org.xai4j.model.Target;
import org.xai4j.report.CsvTable;
import org.xai4j.run.RunFolder;
import org.xai4j.step.LossTerms;
import org.xai4j.testing.LogitSquares;
import org.xai4j.testing.TestGraphs;
import org.xai4j.testing.TinyRuns;
import org.xai4j.train.TrainingRun;

/**
 * The extension recipes of docs/architecture.md ("Extension points"), each followed as a newcomer would: one class
 * and one registration line, then a real training run that uses it by name from the config.
 */
class ExtensionRecipesTest {
    /** A data source of its own: 32x32 noise images, pathological ones with a bright square. */
    static SampleSet squares() {
        Random r = new Random(3);
        List<Sample> samples = new ArrayList<>();
        int[] counts = {64, 32, 32};
        for (Split split : Split.values()) {
            for (int i = 0; i < counts[split.ordinal()]; i++) {
                boolean sick = i % 2 == 1;
                float[] px = new float[32 * 32];
                float[] mask = new float[px.length];
                for (int k = 0; k < px.length; k++) {
                    px[k] = 0.3f * r.nextFloat();
                }
                if (sick) {
                    int y = 4 + r.nextInt(20);
                    int x = 4 + r.nextInt(20);
                    for (int dy = 0; dy < 6; dy++) {
                        for (int dx = 0; dx < 6; dx++) {
                            px[(y + dy) * 32 + x + dx] = 1f;
                            mask[(y + dy) * 32 + x + dx] = 1f;
                        }
                    }
                }
                samples.add(new Sample("sq-" + split + "-" + i, px, 1, 32, 32, new float[] {sick ? 1f : 0f}, mask,
                        Map.of(), List.of(), split));
            }
        }
        return new SampleSet(List.of("pathological"), LabelTask.BINARY, 1, 32, 32, samples);
    }

    /** A loss of its own: plain BCE under another name (its metrics column is {@code train_toy}). */
    static final class ToyLoss implements LogitLoss {
        private final LogitLoss bce;

        ToyLoss(int labels) {
            this.bce = WeightedBce.plain(labels);
        }

        @Override
        public String name() {
            return "toy";
        }

        @Override
        public LossValue compute(INDArray logits, INDArray labels) {
            return bce.compute(logits, labels);
        }
    }

    /** An attribution method of its own: the absolute input gradient, usable by name and inside a noise tunnel. */
    @Test
    void anAttributionMethodRegisteredByNameIsCreatedAndWrapped() {
        Attributions.register("abs-grad", adapter -> new Attribution() {
            @Override
            public String name() {
                return "abs-grad";
            }

            @Override
            public INDArray attribute(INDArray inputs, Target target) {
                return Transforms.abs(adapter.inputGradient(inputs, target, Mode.INFERENCE), false);
            }
        });
        ModelAdapter adapter = new ModelAdapter(TestGraphs.tiny(DataType.DOUBLE, 1));
        INDArray x = TestGraphs.input(TestGraphs.TINY_INPUT, 3, DataType.DOUBLE, 2);
        INDArray a = Attributions.create("abs-grad", adapter).attribute(x, Target.logit(0));
        assertThat(a.shape()).isEqualTo(x.shape());
        assertThat(a.minNumber().doubleValue()).isGreaterThanOrEqualTo(0);
        assertThat(a.sumNumber().doubleValue()).isPositive();
        assertThat(Attributions.create("smoothgrad:abs-grad", adapter).attribute(x, Target.logit(0)).shape())
                .isEqualTo(x.shape());
        assertThatThrownBy(() -> Attributions.register("smoothgrad", ad -> null))
                .hasMessageContaining("noise tunnel");
    }

    /** The options record a toy method owns. */
    public record Scale(Double factor) {
        public Scale {
            factor = factor == null ? 1.0 : factor;
            if (!(factor > 0)) {
                throw new IllegalArgumentException("factor: must be > 0, got " + factor);
            }
        }
    }

    /** A method with settings of its own: registered with its options record, set from a method-options file. */
    @Test
    void aMethodOwnsItsOptionsRecordAndReadsItFromAFileByName(@TempDir Path dir) throws Exception {
        Attributions.register("scaled-grad", Scale.class, new Scale(null), (adapter, scale) -> new Attribution() {
            @Override
            public String name() {
                return "scaled-grad";
            }

            @Override
            public INDArray attribute(INDArray inputs, Target target) {
                return adapter.inputGradient(inputs, target, Mode.INFERENCE).muli(scale.factor());
            }
        });
        ModelAdapter adapter = new ModelAdapter(TestGraphs.tiny(DataType.DOUBLE, 1));
        INDArray x = TestGraphs.input(TestGraphs.TINY_INPUT, 3, DataType.DOUBLE, 2);
        INDArray plain = Attributions.create("scaled-grad", adapter).attribute(x, Target.logit(0));
        AttributionOptions fromFile = MethodOptionsFile.read(Files.writeString(dir.resolve("m.yaml"),
                "scaled-grad: {factor: 3}\n"), AttributionOptions.defaults());
        INDArray tripled = Attributions.create("scaled-grad", adapter, fromFile).attribute(x, Target.logit(0));
        assertThat(tripled.sub(plain.mul(3)).amaxNumber().doubleValue()).isLessThan(1e-12);
        assertThatThrownBy(() -> MethodOptionsFile.read(Files.writeString(dir.resolve("bad.yaml"),
                "scaled-grad: {factor: -1}\n"), AttributionOptions.defaults())).hasMessageContaining("factor");
    }

    /**
     * A trainable method of its own, registered once: twice the input gradient at a half-way point. The constraint
     * trains through it by name, and explain gets its post-hoc form under the same name.
     */
    @Test
    void aTrainableMethodRegisteredOnceServesTheConstraintAndExplain(@TempDir Path dir) {
        TrainingAttributions.register("half-way", options -> new TrainingAttribution() {
            @Override
            public String name() {
                return "half-way";
            }

            @Override
            public PointSet points(SubBatch batch, SplittableRandom rng) {
                INDArray x = batch.images();
                return PointSet.of(x, 1, j -> new AttributionPoint(x.mul(0.5), x.mul(0).addi(2)));
            }
        });
        ModelAdapter adapter = new ModelAdapter(TestGraphs.tiny(DataType.DOUBLE, 1));
        INDArray x = TestGraphs.input(TestGraphs.TINY_INPUT, 3, DataType.DOUBLE, 2);
        INDArray posthoc = Attributions.create("half-way", adapter).attribute(x, Target.logit(0));
        INDArray expected = adapter.inputGradient(x.mul(0.5), Target.logit(0), Mode.INFERENCE).muli(2);
        assertThat(posthoc.sub(expected).amaxNumber().doubleValue()).isLessThan(1e-12);

        RunConfig config = TinyRuns.config(1, "train.ui=false", "train.constraint.enabled=true",
                "train.constraint.attribution=half-way", "train.constraint.difference=forward");
        TrainingRun.Outcome run = new TrainingRun(config, dir, "trainable", null,
                new PrintStream(PrintStream.nullOutputStream())).execute();
        CsvTable metrics = CsvTable.read(run.folder().resolve(RunFolder.METRICS));
        assertThat(metrics.header()).contains("train_" + ConstrainedStep.PART);
        assertThatThrownBy(() -> TinyRuns.config(1, "train.constraint.attribution=gradcam"))
                .hasMessageContaining("cannot be trained through").hasMessageContaining("half-way");
    }

    /** A loss term of its own, with its weight and warm-up from the config's train.terms list. */
    @Test
    void aLossTermRegisteredByNameJoinsTheObjectiveNextToTheConstraint(@TempDir Path dir) {
        LossTerms.register(LogitSquares.NAME, context -> {
            if (!context.options().isEmpty()) {
                throw new IllegalArgumentException("options: " + LogitSquares.NAME + " has none, got "
                        + context.options().keySet());
            }
            return new LogitSquares();
        });
        String yaml = TinyRuns.yaml(1) + """
                  ui: false
                  constraint: {enabled: true, attribution: ixg, difference: forward, lambda: 0.1}
                  terms:
                    - {name: logit-squares, weight: 0.5, warmupEpochs: 0.5}
                """;
        RunConfig config = ConfigLoader.fromYaml(yaml, "terms.yaml", RunConfig.class, List.of());
        assertThat(config.train().terms()).hasSize(1);
        TrainingRun.Outcome run = new TrainingRun(config, dir, "terms", null,
                new PrintStream(PrintStream.nullOutputStream())).execute();
        CsvTable metrics = CsvTable.read(run.folder().resolve(RunFolder.METRICS));
        assertThat(metrics.header()).contains("train_" + ConstrainedStep.PART, "train_" + LogitSquares.NAME);
        double part = Double.parseDouble(metrics.rows().get(0).get(metrics.header().indexOf("train_"
                + LogitSquares.NAME)));
        assertThat(part).as("the weighted term was added").isPositive();

        assertThatThrownBy(() -> ConfigLoader.fromYaml(TinyRuns.yaml(1) + "  terms: [{name: logit-squarez}]\n",
                "terms.yaml", RunConfig.class, List.of())).hasMessageContaining("train.terms")
                .hasMessageContaining("logit-squares");
        assertThatThrownBy(() -> ConfigLoader.fromYaml(TinyRuns.yaml(1)
                + "  terms: [{name: logit-squares, weight: -1}]\n", "terms.yaml", RunConfig.class, List.of()))
                .hasMessageContaining("weight");
    }

    @Test
    void aDataSourceAndALossRegisteredByNameTrainARun(@TempDir Path dir) {
        DataSources.register("squares", (options, base) -> ExtensionRecipesTest::squares);
        Losses.register("toy-bce", c -> new ToyLoss(c.data().numLabels()));

        RunConfig config = TinyRuns.config(1, "data.source=squares", "train.loss=toy-bce");
        TrainingRun.Outcome run = new TrainingRun(config, dir, "extended", null,
                new PrintStream(PrintStream.nullOutputStream())).execute();
        CsvTable metrics = CsvTable.read(run.folder().resolve(RunFolder.METRICS));
        assertThat(metrics.header()).contains("train_toy");
        assertThat(run.test().images()).as("the source's 32 test images").isEqualTo(32);

        assertThatThrownBy(() -> TinyRuns.config(1, "data.source=sqaures")).hasMessageContaining("sqaures")
                .hasMessageContaining("squares");
        assertThatThrownBy(() -> TinyRuns.config(1, "train.loss=toy")).hasMessageContaining("toy-bce");
    }

    /** An experiment of its own: trains its variants on the squares source and tabulates their test AUC. */
    static final class SquaresExperiment implements Experiment {
        @Override
        public String name() {
            return "toy-squares";
        }

        @Override
        public String description() {
            return "test AUC of tiny ResNets on bright squares";
        }

        @Override
        public List<Variant> variants() {
            return List.of(Variant.of("plain", List.of()), Variant.of("sgd", List.of("train.optimizer=sgd")));
        }

        @Override
        public Map<String, String> options() {
            return Map.of("epochs", "epochs per model (default 1)");
        }

        @Override
        public Outcome run(ExperimentRequest request) {
            Path runs = request.folder().resolve("out").resolve("runs");
            StringBuilder table = new StringBuilder("| model | seed | test AUC |\n|---|---|---|\n");
            List<Long> seeds = request.seeds().isEmpty() ? List.of(1L) : request.seeds();
            for (Variant v : request.variants()) {
                for (long seed : seeds) {
                    List<String> keys = new ArrayList<>(List.of("data.source=squares", "seed=" + seed));
                    keys.addAll(v.overrides());
                    keys.addAll(request.overrides());
                    RunConfig config = TinyRuns.config(request.positiveInt("epochs", 1), keys.toArray(String[]::new));
                    Path run = ExperimentRuns.trainUnlessDone(config, squares(), runs, v.name() + "-s" + seed,
                            request.reuse(), request.out());
                    table.append(String.format(java.util.Locale.ROOT, "| %s | %d | %.3f |%n", v.name(), seed,
                            ExperimentRuns.testAuc(run)));
                }
            }
            ReadmeTable.replace(request.folder().resolve("README.md"), table.toString());
            return new Outcome(request.folder().resolve("out"), request.variants().size() + " models");
        }
    }

    @Test
    void anExperimentRegisteredByNameRunsFromTheCommand(@TempDir Path dir) throws Exception {
        DataSources.register("squares", (options, base) -> ExtensionRecipesTest::squares);
        Experiments.register(new SquaresExperiment());
        Files.writeString(dir.resolve("README.md"), "# toy\n" + ReadmeTable.START + "\n" + ReadmeTable.END + "\n");
        assertThat(Main.run("experiment", "toy-squares", "--folder", dir.toString(), "--variants", "plain",
                "--variant", "wide:model.widthMultiplier=0.25", "--seeds", "1,2", "--option", "epochs=1")).isZero();
        String readme = Files.readString(dir.resolve("README.md"));
        assertThat(readme).contains("| plain | 1 | ").contains("| plain | 2 | ").contains("| wide | 2 | ")
                .doesNotContain("| sgd |");
        assertThat(dir.resolve("out/runs/wide-s1/best.ckpt")).exists();
        assertThat(Main.run("experiment", "toy-squares", "--folder", dir.toString(), "--option", "epoch=1"))
                .as("an option the experiment does not have").isEqualTo(2);
    }
}
