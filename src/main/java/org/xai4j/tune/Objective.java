package org.xai4j.tune;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xai4j.attribution.Attributions;
import org.xai4j.config.RunConfig;
import org.xai4j.data.DataSources;
import org.xai4j.data.Sample;
import org.xai4j.data.SampleSet;
import org.xai4j.data.Split;
import org.xai4j.model.Classifier;
import org.xai4j.model.ModelAdapter;
import org.xai4j.segmentation.AttributionMaps;
import org.xai4j.segmentation.BestDiceThreshold;
import org.xai4j.segmentation.SegmentationEvaluator;
import org.xai4j.segmentation.SegmentationOptions;

/**
 * Scores a trained model by {@link ObjectiveOptions} on one data set's validation split: the validation AUC the
 * training loop measured, and (when weighted) the Dice of attribution-map segmentations of the validation lesions.
 */
public final class Objective {
    private final ObjectiveOptions options;
    private final List<Sample> lesions;
    private final SegmentationEvaluator segmentation =
            new SegmentationEvaluator(SegmentationOptions.defaults().withThreshold(BestDiceThreshold.unfitted()));

    private Objective(ObjectiveOptions options, List<Sample> lesions) {
        this.options = options;
        this.lesions = lesions;
    }

    /**
     * The objective on {@code data}'s validation split, checked to be computable there.
     *
     * @throws IllegalArgumentException without a validation split, with an unknown attribution, or without a
     *                                  pathological validation image with a lesion mask for {@code val_dice}
     */
    public static Objective on(ObjectiveOptions options, SampleSet data) {
        List<Sample> val = data.split(Split.VAL);
        if (val.isEmpty()) {
            throw new IllegalArgumentException("objective: the data has no validation split to score trials on "
                    + "(the test split is never used for tuning)");
        }
        List<Sample> lesions = List.of();
        if (options.needsMaps()) {
            Attributions.requireKnown(options.attribution());
            List<Sample> candidates = options.finding() == null ? val
                    : SegmentationEvaluator.withFinding(val, options.finding());
            lesions = SegmentationEvaluator.pathological(candidates, Integer.MAX_VALUE);
            if (lesions.isEmpty()) {
                throw new IllegalArgumentException("objective.weights." + ObjectiveOptions.VAL_DICE + ": no "
                        + "pathological validation image with a lesion mask" + (options.finding() == null ? ""
                        : " of finding '" + options.finding() + "' (masks: " + maskNames(val) + ")")
                        + " to segment");
            }
        }
        return new Objective(options, lesions);
    }

    private static List<String> maskNames(List<Sample> samples) {
        return samples.stream().flatMap(s -> s.masks().keySet().stream()).distinct().sorted().toList();
    }

    public ObjectiveOptions options() {
        return options;
    }

    /**
     * The objective's terms for a model.
     *
     * @param valAuc the model's validation AUC as the training loop measured it
     */
    public Map<String, Double> terms(Classifier model, double valAuc, RunConfig config) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (String term : options.weights().keySet()) {
            out.put(term, term.equals(ObjectiveOptions.VAL_AUC) ? valAuc : dice(model, config));
        }
        return out;
    }

    /** The weighted sum of {@code terms}; NaN when a weighted term is undefined. */
    public double value(Map<String, Double> terms) {
        double sum = 0;
        for (Map.Entry<String, Double> w : options.weights().entrySet()) {
            if (w.getValue() != 0) {
                sum += w.getValue() * terms.getOrDefault(w.getKey(), Double.NaN);
            }
        }
        return sum;
    }

    private double dice(Classifier model, RunConfig config) {
        var maps = new AttributionMaps(Attributions.create(options.attribution(), new ModelAdapter(model)),
                DataSources.transforms(config.data()), config.train().batchSize());
        return segmentation.evaluate(maps, lesions, lesions).summary().meanDice();
    }
}
