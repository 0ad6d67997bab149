package org.xai4j.train;

import java.nio.file.Path;
import java.util.List;
import org.xai4j.run.TrainingState;

/**
 * What a training run ended with.
 *
 * @param state  the final state
 * @param epochs one summary per epoch trained in this call
 * @param best   the best checkpoint (null when the run writes none)
 * @param last   the last checkpoint (null when the run writes none)
 */
public record TrainingResult(TrainingState state, List<EpochSummary> epochs, Path best, Path last) {
}
