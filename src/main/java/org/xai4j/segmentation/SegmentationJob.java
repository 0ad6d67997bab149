package org.xai4j.segmentation;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.xai4j.attribution.AttributionOptions;
import org.xai4j.data.Sample;
import org.xai4j.data.Split;

/**
 * {@code xai4j segment} as a use case: load the run, segment the pathological images of a split with every asked
 * attribution method and baseline, write each method's scores, masks and overlays and the summary table.
 */
public final class SegmentationJob {
    private SegmentationJob() {
    }

    /**
     * @param log progress and the final table
     * @return one summary per method, attribution methods first, in the order asked
     */
    public static List<MethodSummary> run(SegmentationRequest request, PrintStream log) {
        List<String> methods = request.resolvedMethods(SegmentationContext.methods());
        List<String> baselines = request.resolvedBaselines();
        if (methods.isEmpty() && baselines.isEmpty()) {
            throw new IllegalArgumentException("--methods and --baseline: nothing to segment with (both none)");
        }
        SegmentationContext context = SegmentationContext.load(request.run(), request.data(), request.checkpoint());
        int limit = request.limit() == null ? Integer.MAX_VALUE : request.limit();
        List<Sample> test = SegmentationEvaluator.pathological(context.split(request.split()), limit);
        if (test.isEmpty()) {
            throw new IllegalArgumentException("--split " + request.split().label() + ": no pathological image with a "
                    + "lesion mask to segment");
        }
        SegmentationOptions options = request.options();
        List<Sample> validation = List.of();
        if (options.threshold().needsFitting()) {
            validation = SegmentationEvaluator.pathological(context.split(Split.VAL), limit);
            if (validation.isEmpty()) {
                throw new IllegalArgumentException("--threshold best-dice: the val split has no pathological image "
                        + "with a lesion mask to choose the threshold on");
            }
            if (request.split() == Split.VAL) {
                log.println("note: best-dice chooses its threshold on the val split, which is also the split scored");
            }
        }
        log.printf(Locale.ROOT, "segmenting %d pathological %s images (threshold %s%s) -> %s%n", test.size(),
                request.split().label(), options.threshold().spec(), validation.isEmpty() ? ""
                        : ", chosen on " + validation.size() + " val images", request.outputDir());
        List<AnomalyMapSource> sources = new ArrayList<>();
        AttributionOptions settings = AttributionOptions.defaults();
        if (request.samples() != null) {
            settings = SegmentationContext.withSamples(settings, request.samples());
        }
        AttributionOptions attributionOptions = context.attributionOptions(request.methodOptions().apply(settings));
        for (String m : methods) {
            sources.add(context.attribution(m, attributionOptions));
        }
        SegmentationEvaluator evaluator = new SegmentationEvaluator(options);
        List<MethodSummary> summaries = new ArrayList<>();
        Path out = request.outputDir();
        for (String b : baselines) {
            sources.add(b.equals(IntensityMaps.NAME) ? context.intensity()
                    : context.autoencoder(request.autoencoder(), log));
        }
        for (AnomalyMapSource source : sources) {
            long t0 = System.nanoTime();
            MethodResult result = evaluator.evaluate(source, validation, test);
            SegmentationOutputs.writeMethod(out.resolve(source.name()), result, test);
            MethodSummary s = result.summary();
            summaries.add(s);
            log.printf(Locale.ROOT, "  %-12s Dice %.3f  IoU %.3f  pixel AUROC %.3f raw, %.3f processed  (%.1f s)%n",
                    s.method(), s.meanDice(), s.meanIou(), s.pixelAuroc(), s.processedAuroc(),
                    (System.nanoTime() - t0) / 1e9);
        }
        SegmentationOutputs.writeSummary(out, summaries, request.split().label(), options);
        log.print(SegmentationOutputs.table(summaries, request.split().label(), options));
        log.println("outputs: " + out + " (" + SegmentationOutputs.SUMMARY + ", " + SegmentationOutputs.SUMMARY_MD
                + ", <method>/" + SegmentationOutputs.SCORES + ", masks/, overlays/)");
        return summaries;
    }
}
