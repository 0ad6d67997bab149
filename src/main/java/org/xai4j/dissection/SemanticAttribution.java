package org.xai4j.dissection;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.attribution.Bilinear;
import org.xai4j.attribution.UnitIntegratedGradients;
import org.xai4j.model.Target;

/**
 * What one prediction rests on, in the dissection's words (the attribution dissertation's chapter 9): Integrated
 * Gradients over a tap's units ({@link UnitIntegratedGradients}), unit importance {@code sum_i |s_k^i|}, the most
 * important units with the concept each detects ("this prediction rests on a tumour unit"), and each one's
 * contribution map divided by its largest magnitude and upsampled to the image.
 */
public final class SemanticAttribution {
    private SemanticAttribution() {
    }

    /**
     * @param unit       the channel
     * @param importance {@code sum_i |s_k^i|}
     * @param label      the concept the unit detects, or {@code ""} when it is no detector
     * @param iou        that detector's IoU (NaN when none)
     * @param map        H x W contribution map in [-1, 1]
     */
    public record Unit(int unit, double importance, String label, double iou, float[] map) {
    }

    /**
     * For every image of {@code x}: its {@code top} most important units of {@code ig}'s tap for {@code target},
     * labelled from {@code dissection} (the dissected units; those of other taps are ignored; empty: unlabelled).
     * One Integrated Gradients run for the whole batch.
     */
    public static List<List<Unit>> topUnits(UnitIntegratedGradients ig, INDArray x, Target target,
                                            List<UnitLabel> dissection, int top) {
        INDArray all = ig.unitContributions(x, target).attributions().castTo(DataType.DOUBLE); // N x K x h x w
        Map<Integer, UnitLabel> labels = dissection.stream().filter(u -> u.layer().equals(ig.tap()))
                .collect(Collectors.toMap(UnitLabel::unit, Function.identity(), (a, b) -> a));
        List<List<Unit>> out = new ArrayList<>();
        for (int i = 0; i < all.size(0); i++) {
            out.add(ranked(all.slice(i), labels, (int) x.size(2), (int) x.size(3), top));
        }
        return out;
    }

    private static List<Unit> ranked(INDArray s, Map<Integer, UnitLabel> labels, int height, int width, int top) {
        int units = (int) s.size(0);
        int h = (int) s.size(1);
        int w = (int) s.size(2);
        List<Unit> out = new ArrayList<>();
        for (int k = 0; k < units; k++) {
            double[] c = s.slice(k).dup('c').data().asDouble();
            double sum = 0;
            double max = 0;
            for (double v : c) {
                sum += Math.abs(v);
                max = Math.max(max, Math.abs(v));
            }
            double[] up = Bilinear.resize(c, h, w, height, width);
            float[] map = new float[up.length];
            for (int p = 0; p < up.length; p++) {
                map[p] = max > 0 ? (float) (up[p] / max) : 0;
            }
            UnitLabel l = labels.get(k);
            boolean detector = l != null && l.detector();
            out.add(new Unit(k, sum, detector ? l.bestConcept() : "", detector ? l.bestIou() : Double.NaN, map));
        }
        out.sort(Comparator.comparingDouble(Unit::importance).reversed());
        return out.subList(0, Math.min(top, out.size()));
    }
}
