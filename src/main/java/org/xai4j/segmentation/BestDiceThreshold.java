package org.xai4j.segmentation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The one threshold that maximises the mean per-image Dice on a validation split ({@code best-dice}), then applied
 * unchanged to the test images (weakly supervised localisation chooses its thresholds on a validation part the same
 * way, METHODS.md section 5). The search is exact over the candidates: every distinct processed value inside the
 * validation regions, or, when there are more than {@value #MAX_CANDIDATES}, that many quantiles of them. Since a
 * pixel is foreground when its value is strictly above the threshold, any threshold between two neighbouring
 * candidates gives the same masks as the lower one, so with all distinct values as candidates no threshold at or
 * above the smallest value does better. Among equally good candidates the smallest wins.
 *
 * @param value            the chosen threshold; null before {@link #fit}
 * @param validationDice   mean Dice the chosen threshold reached on the validation maps (NaN before fitting)
 * @param validationImages number of validation maps it was chosen on
 */
public record BestDiceThreshold(Double value, double validationDice, int validationImages) implements ThresholdRule {
    /** Most candidate thresholds tried. */
    public static final int MAX_CANDIDATES = 2048;

    /** The rule before fitting. */
    public static BestDiceThreshold unfitted() {
        return new BestDiceThreshold(null, Double.NaN, 0);
    }

    @Override
    public String spec() {
        return "best-dice";
    }

    @Override
    public boolean needsFitting() {
        return value == null;
    }

    @Override
    public double threshold(float[] regionValues) {
        if (value == null) {
            throw new IllegalStateException("best-dice: fit the threshold on validation maps first");
        }
        return value;
    }

    @Override
    public BestDiceThreshold fit(List<ProcessedMap> validation) {
        if (validation.isEmpty()) {
            throw new IllegalArgumentException("threshold: best-dice needs validation images with lesion masks, "
                    + "but the validation split has no pathological image");
        }
        List<Ranked> ranked = new ArrayList<>(validation.size());
        for (ProcessedMap m : validation) {
            ranked.add(Ranked.of(m));
        }
        double bestT = Double.NaN;
        double bestDice = -1;
        for (double t : candidates(validation)) {
            double sum = 0;
            for (Ranked r : ranked) {
                sum += r.dice(t);
            }
            double mean = sum / ranked.size();
            if (mean > bestDice) {
                bestDice = mean;
                bestT = t;
            }
        }
        return new BestDiceThreshold(bestT, bestDice, validation.size());
    }

    /** Ascending distinct candidate thresholds. */
    static double[] candidates(List<ProcessedMap> maps) {
        int total = 0;
        List<float[]> values = new ArrayList<>();
        for (ProcessedMap m : maps) {
            float[] v = m.regionValues();
            values.add(v);
            total += v.length;
        }
        float[] pooled = new float[total];
        int at = 0;
        for (float[] v : values) {
            System.arraycopy(v, 0, pooled, at, v.length);
            at += v.length;
        }
        Arrays.sort(pooled);
        double[] distinct = Arrays.stream(toDoubles(pooled)).distinct().toArray();
        if (distinct.length <= MAX_CANDIDATES) {
            return distinct;
        }
        double[] q = new double[MAX_CANDIDATES];
        for (int k = 0; k < MAX_CANDIDATES; k++) {
            q[k] = pooled[(int) Math.round((double) k * (pooled.length - 1) / (MAX_CANDIDATES - 1))];
        }
        return Arrays.stream(q).distinct().toArray();
    }

    private static double[] toDoubles(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }

    /** One map's region values in ascending order with the count of lesion pixels at or above each position. */
    private record Ranked(float[] ascending, int[] truthFromHere, int truthTotal) {
        static Ranked of(ProcessedMap m) {
            float[] values = m.regionValues();
            float[] truth = m.inRegion(m.truth());
            Integer[] order = new Integer[values.length];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> Float.compare(values[a], values[b]));
            float[] sorted = new float[values.length];
            int[] suffix = new int[values.length + 1];
            for (int k = values.length - 1; k >= 0; k--) {
                sorted[k] = values[order[k]];
                suffix[k] = suffix[k + 1] + (truth[order[k]] >= 0.5f ? 1 : 0);
            }
            int all = 0;
            for (float t : m.truth()) {
                all += t >= 0.5f ? 1 : 0;
            }
            return new Ranked(sorted, suffix, all);
        }

        /** Dice of the mask "value > t" (lesion pixels outside the region count as missed). */
        double dice(double t) {
            int first = firstAbove(t);
            int predicted = ascending.length - first;
            int hit = truthFromHere[first];
            int sizes = predicted + truthTotal;
            return sizes == 0 ? 1.0 : 2.0 * hit / sizes;
        }

        private int firstAbove(double t) {
            int lo = 0;
            int hi = ascending.length;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (ascending[mid] > t) {
                    hi = mid;
                } else {
                    lo = mid + 1;
                }
            }
            return lo;
        }
    }
}
