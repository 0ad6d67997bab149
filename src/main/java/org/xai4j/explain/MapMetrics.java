package org.xai4j.explain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.xai4j.data.BoundingBox;
import org.xai4j.data.Sample;
import org.xai4j.metrics.EffectiveHeatRatio;
import org.xai4j.metrics.LocalisationAccuracy;
import org.xai4j.metrics.MassInMask;
import org.xai4j.metrics.PixelAuroc;
import org.xai4j.metrics.PointingGame;

/**
 * The per-image localisation metrics of one map against the image's lesion mask (NaN when the image has no
 * finding): share of |attribution| mass in the mask, pointing-game hit (1/0; tolerance 15 px at 224, scaled to the
 * image), effective heat ratio and pixel AUROC of the display map; and, over images, the weakly supervised box
 * localisation accuracy.
 *
 * @param massInMask  share of sum_c |a| inside the lesion mask
 * @param pointingHit 1 for a hit, 0 for a miss
 * @param ehr         area under the effective-heat-ratio curve of the display map
 * @param pixelAuroc  pixel AUROC of the display map against the mask
 */
record MapMetrics(double massInMask, double pointingHit, double ehr, double pixelAuroc) {
    static MapMetrics of(Sample s, double[] absSum, double[] display) {
        float[] mask = s.lesionMask();
        if (mask == null || !PointingGame.hasFinding(mask)) {
            return new MapMetrics(Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        float[] disp = toFloat(display);
        int tolerance = (int) Math.round(15.0 * s.width() / 224);
        double auroc = PixelAuroc.of(disp, mask).auc();
        return new MapMetrics(MassInMask.absolute(toFloat(absSum), mask),
                PointingGame.hit(disp, mask, s.width(), tolerance) ? 1 : 0, EffectiveHeatRatio.of(disp, mask).auc(),
                auroc);
    }

    /**
     * Box localisation over the images whose boxes include the explained class: 5-fold cross-validated per-class
     * threshold (METHODS.md section 5) when at least 5 such images exist per class, pooled over classes
     * (image-weighted); null when no class has enough.
     */
    static LocalisationAccuracy.Result localisation(List<Sample> samples, int[] targets, List<double[]> display) {
        int classes = Arrays.stream(targets).max().orElse(0) + 1;
        double[] acc = new double[LocalisationAccuracy.IOU_THRESHOLDS.length];
        double iou = 0;
        int images = 0;
        for (int c = 0; c < classes; c++) {
            List<LocalisationAccuracy.Case> cases = new ArrayList<>();
            for (int i = 0; i < samples.size(); i++) {
                if (targets[i] != c) {
                    continue;
                }
                int cls = c;
                List<BoundingBox> boxes = samples.get(i).boxes().stream().filter(b -> b.label() == cls).toList();
                if (!boxes.isEmpty()) {
                    cases.add(new LocalisationAccuracy.Case(toFloat(display.get(i)), samples.get(i).width(), boxes));
                }
            }
            if (cases.size() < 5) {
                continue;
            }
            LocalisationAccuracy.Result r = LocalisationAccuracy.crossValidated(cases, 5, 0,
                    LocalisationAccuracy.CANDIDATES, LocalisationAccuracy.IOU_THRESHOLDS);
            for (int k = 0; k < acc.length; k++) {
                acc[k] += r.accuracy()[k] * cases.size();
            }
            iou += r.meanIoU() * cases.size();
            images += cases.size();
        }
        if (images == 0) {
            return null;
        }
        for (int k = 0; k < acc.length; k++) {
            acc[k] /= images;
        }
        return new LocalisationAccuracy.Result(Double.NaN, LocalisationAccuracy.IOU_THRESHOLDS.clone(), acc,
                iou / images, images);
    }

    static float[] toFloat(double[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
        }
        return f;
    }
}
