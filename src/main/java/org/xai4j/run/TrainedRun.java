package org.xai4j.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.xai4j.attribution.ReferenceImages;
import org.xai4j.config.ConfigException;
import org.xai4j.config.ConfigLoader;
import org.xai4j.config.RunConfig;
import org.xai4j.data.DataOptions;
import org.xai4j.data.DataSources;
import org.xai4j.data.SampleSet;
import org.xai4j.model.Classifier;
import org.xai4j.model.InputShape;

/**
 * A trained run opened for analysis, the one way every command reads a run folder: the folder, its resolved config,
 * one of its checkpoints ({@link CheckpointChoice}: {@code best}, {@code last} or {@code epoch-N}), and the data it
 * is analysed on (its own, or another {@code data:} section whose images fit the model). Outputs of an analysis of
 * the {@code best} checkpoint go to {@code <run>/<kind>}, of any other checkpoint to {@code <run>/<kind>-<choice>},
 * so analysing {@code last} never overwrites what was written for {@code best}.
 */
public final class TrainedRun {
    private final RunFolder folder;
    private final RunConfig config;
    private final CheckpointChoice choice;
    private final Checkpoint checkpoint;

    private TrainedRun(RunFolder folder, RunConfig config, CheckpointChoice choice, Checkpoint checkpoint) {
        this.folder = folder;
        this.config = config;
        this.choice = choice;
        this.checkpoint = checkpoint;
    }

    /**
     * Opens {@code dir} and loads one checkpoint.
     *
     * @param checkpoint {@code best}, {@code last} or {@code epoch-N}
     * @throws IllegalArgumentException naming the folder, file or value when the run cannot be opened
     */
    public static TrainedRun open(Path dir, String checkpoint) {
        CheckpointChoice choice = CheckpointChoice.parse(checkpoint);
        RunFolder folder = RunFolder.existing(dir);
        RunConfig config = ConfigLoader.load(folder.resolve(RunFolder.CONFIG), RunConfig.class, List.of());
        return new TrainedRun(folder, config, choice, Checkpoint.load(choice.file(folder)));
    }

    public RunFolder folder() {
        return folder;
    }

    public RunConfig config() {
        return config;
    }

    public CheckpointChoice choice() {
        return choice;
    }

    public Classifier classifier() {
        return checkpoint.classifier();
    }

    public TrainingState state() {
        return checkpoint.state();
    }

    /** {@code <run>/<kind>} for the best checkpoint, {@code <run>/<kind>-<choice>} for any other. */
    public Path outputDir(String kind) {
        return folder.resolve(choice.outputName(kind));
    }

    /** The run's own data, as its config names them. */
    public SampleSet data() {
        return DataSources.load(config.data(), Path.of("."));
    }

    /**
     * The data of {@code dataConfig}'s {@code data:} section (the run's own when null), checked to fit the model.
     *
     * @param flag the command-line flag that named {@code dataConfig}, for error messages (e.g. {@code --data})
     */
    public SampleSet data(Path dataConfig, String flag) {
        SampleSet data = DataSources.load(dataOptions(dataConfig, flag), Path.of("."));
        requireFits(data, dataConfig == null ? "the run's data" : flag + " " + dataConfig);
        return data;
    }

    /** The {@code data:} section of {@code dataConfig} (which must have one), or the run's when null. */
    public DataOptions dataOptions(Path dataConfig, String flag) {
        if (dataConfig == null) {
            return config.data();
        }
        try {
            JsonNode tree = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(dataConfig));
            if (tree == null || !tree.has("data")) {
                throw new IllegalArgumentException(flag + " " + dataConfig + ": no 'data:' section");
            }
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(flag + " " + dataConfig + ": file not found");
        } catch (IOException e) {
            throw new ConfigException(flag + " " + dataConfig + ": cannot read (" + e.getMessage() + ")", e);
        }
        return ConfigLoader.load(dataConfig, RunConfig.class, List.of()).data();
    }

    /**
     * The training split of {@code data} (loaded from {@code options}) as reference images for attribution methods
     * that need the data distribution, cached next to this run's checkpoint.
     */
    public ReferenceImages referenceImages(DataOptions options, SampleSet data) {
        return new TrainingImages(options, data, outputDir("attribution-cache"));
    }

    /** Refuses data whose image size or label count the model does not take; {@code source} names the data. */
    public void requireFits(SampleSet data, String source) {
        InputShape shape = classifier().description().inputShape();
        if (data.channels() != shape.channels() || data.depth() != shape.depth() || data.height() != shape.height()
                || data.width() != shape.width()) {
            throw new IllegalArgumentException(source + ": images are " + data.shape() + " but the model of run "
                    + folder + " takes " + shape);
        }
        if (data.numLabels() != classifier().numOutputs()) {
            throw new IllegalArgumentException(source + ": " + data.numLabels() + " label(s) " + data.labelNames()
                    + " but the model of run " + folder + " has " + classifier().numOutputs() + " output(s)");
        }
    }
}
