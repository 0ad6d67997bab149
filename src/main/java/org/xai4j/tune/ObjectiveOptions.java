package org.xai4j.tune;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What a trial is scored by, always on the validation split (the test split is never looked at while tuning): a
 * weighted sum of
 * <ul>
 * <li>{@code val_auc}: mean validation ROC AUC over labels of the trial's best checkpoint;</li>
 * <li>{@code val_dice}: mean Dice of the best checkpoint's {@code attribution} maps on the pathological validation
 * images with a lesion mask (positive part inside the brain, peak-normalised, one threshold, the one that gives the
 * best Dice on those images, as the attribution-constraint experiment segments).</li>
 * </ul>
 * Higher is better.
 *
 * @param weights     term to weight (default {@code {val_auc: 1}})
 * @param attribution map method of {@code val_dice} (a name registered in Attributions; default {@code ixg})
 * @param finding     only validation images whose mask of this finding marks a pixel count for {@code val_dice}
 *                    (e.g. {@code ms}); null for every image with a lesion mask
 */
public record ObjectiveOptions(Map<String, Double> weights, String attribution, String finding) {
    public static final String VAL_AUC = "val_auc";
    public static final String VAL_DICE = "val_dice";
    static final Set<String> TERMS = Set.of(VAL_AUC, VAL_DICE);

    public ObjectiveOptions {
        weights = weights == null ? Map.of(VAL_AUC, 1.0) : new LinkedHashMap<>(weights);
        attribution = attribution == null ? "ixg" : attribution;
        if (weights.isEmpty()) {
            throw new IllegalArgumentException("weights: name at least one of " + VAL_AUC + ", " + VAL_DICE);
        }
        boolean any = false;
        for (Map.Entry<String, Double> w : weights.entrySet()) {
            if (!TERMS.contains(w.getKey())) {
                throw new IllegalArgumentException("weights." + w.getKey() + ": unknown objective term (expected "
                        + VAL_AUC + " or " + VAL_DICE + ")");
            }
            if (w.getValue() == null || !Double.isFinite(w.getValue())) {
                throw new IllegalArgumentException("weights." + w.getKey() + ": must be a finite number, got "
                        + w.getValue());
            }
            any |= w.getValue() != 0;
        }
        if (!any) {
            throw new IllegalArgumentException("weights: at least one weight must be non-zero");
        }
    }

    public static ObjectiveOptions defaults() {
        return new ObjectiveOptions(null, null, null);
    }

    /** Whether the objective needs attribution maps (a {@code val_dice} term with a non-zero weight). */
    public boolean needsMaps() {
        return weights.getOrDefault(VAL_DICE, 0.0) != 0;
    }

    /** The objective as written, e.g. {@code 1*val_auc + 0.5*val_dice(ixg, ms)}. */
    public String describe() {
        StringBuilder b = new StringBuilder();
        weights.forEach((k, w) -> {
            if (b.length() > 0) {
                b.append(" + ");
            }
            b.append(w == 1.0 ? "" : w + "*").append(k);
            if (k.equals(VAL_DICE)) {
                b.append('(').append(attribution).append(finding == null ? "" : ", " + finding).append(')');
            }
        });
        return b.toString();
    }
}
