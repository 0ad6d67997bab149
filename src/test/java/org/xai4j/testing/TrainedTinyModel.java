package org.xai4j.testing;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.data.Batches;
import org.xai4j.data.DataSources;
import org.xai4j.data.Sample;
import org.xai4j.data.SampleSet;
import org.xai4j.data.Transforms;
import org.xai4j.model.Classifier;
import org.xai4j.model.ModelDescription;
import org.xai4j.run.TrainedRun;
import org.xai4j.train.TrainingRun;

/**
 * A really trained tiny run ({@link TinyRuns}) and its best checkpoint in double precision, for checks of numeric
 * methods at a trained operating point.
 *
 * @param run             the run folder, opened at its best checkpoint
 * @param doublePrecision the best checkpoint's classifier with its parameters in double
 * @param data            the run's data
 */
public record TrainedTinyModel(TrainedRun run, Classifier doublePrecision, SampleSet data) {
    /** Trains {@link TinyRuns#config} for {@code epochs} epochs into {@code dir}. */
    public static TrainedTinyModel train(Path dir, int epochs) {
        TrainingRun.Outcome outcome = new TrainingRun(TinyRuns.config(epochs, "train.ui=false"), dir, "run", null,
                new PrintStream(PrintStream.nullOutputStream())).execute();
        TrainedRun run = TrainedRun.open(outcome.folder().dir(), "best");
        return new TrainedTinyModel(run, doubleTwin(run.classifier()), run.data());
    }

    /** A copy of {@code c} in double precision. */
    public static Classifier doubleTwin(Classifier c) {
        ModelDescription d = c.description();
        Classifier twin = Classifier.build(d.options(), d.inputShape(), d.numOutputs(), 1, DataType.DOUBLE);
        twin.graph().setParams(c.graph().params().castTo(DataType.DOUBLE));
        return twin;
    }

    /** The samples normalised as in training, N x C x H x W in double. */
    public INDArray features(List<Sample> samples) {
        Transforms t = DataSources.transforms(run.config().data());
        return Batches.of(samples.stream().map(t::normalise).toList(), DataType.DOUBLE).features();
    }
}
