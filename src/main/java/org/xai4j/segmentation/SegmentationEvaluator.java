package org.xai4j.segmentation;

import java.util.ArrayList;
import java.util.List;
import org.xai4j.data.Sample;
import org.xai4j.metrics.Dice;
import org.xai4j.metrics.IoU;
import org.xai4j.metrics.PixelAuroc;

/**
 * Scores an anomaly-map source as a lesion segmenter (Wargnier-Dauchelle et al., IEEE TMI 2023): for each pathological
 * image with a lesion mask, its raw map goes through {@link MapProcessing}, is thresholded by the configured
 * {@link ThresholdRule} ({@code best-dice} first chosen on the validation images) and compared with the lesion mask
 * (Dice, IoU); the raw and the processed maps also get the pooled pixel AUROC inside the regions. The Java API of
 * {@code xai4j segment}: experiment code calls {@link #evaluate} for each run and method and reads
 * {@link MethodResult#summary()}.
 */
public final class SegmentationEvaluator {
    private final SegmentationOptions options;

    public SegmentationEvaluator(SegmentationOptions options) {
        this.options = options;
    }

    public SegmentationOptions options() {
        return options;
    }

    /**
     * Segments the pathological images of {@code test} with maps from {@code source}.
     *
     * @param validation images a {@code best-dice} threshold is chosen on (their pathological ones; ignored by the
     *                   other rules, so it may be empty for them)
     * @param test       images to score (only pathological ones with a lesion mask are used)
     */
    public MethodResult evaluate(AnomalyMapSource source, List<Sample> validation, List<Sample> test) {
        List<Sample> scored = pathological(test, Integer.MAX_VALUE);
        if (scored.isEmpty()) {
            throw new IllegalArgumentException("no pathological image with a lesion mask to segment in the "
                    + test.size() + " images given");
        }
        ThresholdRule rule = options.threshold();
        if (rule.needsFitting()) {
            rule = rule.fit(process(source, pathological(validation, Integer.MAX_VALUE)));
        }
        return score(source.name(), source.kind(), rule, process(source, scored));
    }

    /** Raw maps of {@code samples} from {@code source}, processed with this evaluator's options. */
    public List<ProcessedMap> process(AnomalyMapSource source, List<Sample> samples) {
        if (samples.isEmpty()) {
            return List.of();
        }
        List<float[]> raw = source.maps(samples);
        if (raw.size() != samples.size()) {
            throw new IllegalStateException(source.name() + " returned " + raw.size() + " maps for " + samples.size()
                    + " samples");
        }
        List<ProcessedMap> out = new ArrayList<>(samples.size());
        for (int i = 0; i < samples.size(); i++) {
            out.add(MapProcessing.process(samples.get(i), raw.get(i), options));
        }
        return out;
    }

    /** Thresholds processed maps with a rule that needs no more fitting and scores them. */
    public static MethodResult score(String method, SourceKind kind, ThresholdRule rule, List<ProcessedMap> maps) {
        if (rule.needsFitting()) {
            throw new IllegalArgumentException("threshold: " + rule.spec()
                    + " must be fitted on validation maps first");
        }
        List<ImageSegmentation> images = new ArrayList<>(maps.size());
        List<float[]> rawInRegion = new ArrayList<>(maps.size());
        List<float[]> processedInRegion = new ArrayList<>(maps.size());
        List<float[]> truthInRegion = new ArrayList<>(maps.size());
        double dice = 0;
        double iou = 0;
        for (ProcessedMap m : maps) {
            double t = rule.threshold(m.regionValues());
            float[] predicted = m.predict(t);
            float[] raw = m.inRegion(m.raw());
            float[] processed = m.regionValues();
            float[] truth = m.inRegion(m.truth());
            rawInRegion.add(raw);
            processedInRegion.add(processed);
            truthInRegion.add(truth);
            ImageScore s = new ImageScore(m.id(), t, Dice.of(predicted, m.truth()), IoU.of(predicted, m.truth()),
                    PixelAuroc.of(raw, truth).auc(), PixelAuroc.of(processed, truth).auc(), count(m.truth()),
                    count(predicted));
            dice += s.dice();
            iou += s.iou();
            images.add(new ImageSegmentation(m, predicted, s));
        }
        int n = maps.size();
        double auroc = n == 0 ? Double.NaN : PixelAuroc.pooled(rawInRegion, truthInRegion).auc();
        double processedAuroc = n == 0 ? Double.NaN : PixelAuroc.pooled(processedInRegion, truthInRegion).auc();
        MethodSummary summary = new MethodSummary(method, kind, rule.spec(), globalValue(rule), n,
                n == 0 ? Double.NaN : dice / n, n == 0 ? Double.NaN : iou / n, auroc, processedAuroc);
        return new MethodResult(summary, rule, images);
    }

    /** The first {@code limit} pathological samples that carry a lesion mask, in order. */
    public static List<Sample> pathological(List<Sample> samples, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit: must be >= 1, got " + limit);
        }
        return samples.stream().filter(s -> s.isPathological() && s.lesionMask() != null).limit(limit).toList();
    }

    /** The samples whose mask of {@code finding} marks at least one pixel, in order. */
    public static List<Sample> withFinding(List<Sample> samples, String finding) {
        return samples.stream().filter(s -> {
            float[] m = s.masks().get(finding);
            if (m == null) {
                return false;
            }
            for (float v : m) {
                if (v > 0.5f) {
                    return true;
                }
            }
            return false;
        }).toList();
    }

    private static double globalValue(ThresholdRule rule) {
        if (rule instanceof FixedThreshold f) {
            return f.value();
        }
        if (rule instanceof BestDiceThreshold b) {
            return b.value();
        }
        return Double.NaN;
    }

    private static int count(float[] mask) {
        int c = 0;
        for (float v : mask) {
            c += v >= 0.5f ? 1 : 0;
        }
        return c;
    }
}
