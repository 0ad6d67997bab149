package org.xai4j.faithfulness.axioms;

import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;

/**
 * The four scores of the "model knows best" axiom tests (Khakzar et al., CVPR 2022, and the dissertation's chapter
 * 7), on maps given as H x W arrays of attribution magnitudes (absolute values summed over channels):
 * <ul>
 *   <li>{@link #nullRatio}: attribution on a feature with no effect on the explained output over attribution on the
 *       feature that drives it (0 satisfies the null-player axiom; published on ImageNet: Grad-CAM 0.135, IBA 0.211,
 *       gradient 0.835);</li>
 *   <li>{@link #overlap}: how much the maps of two outputs, each driven by its own patch, share on those patches (0:
 *       each output's map stays on its own feature; 1: the maps are the same, class-insensitive);</li>
 *   <li>{@link #patchContrast} per map, then the Spearman correlation over samples between the two outputs' values
 *       on a patch that drives only the first ({@link #spearman}; low: the maps tell the outputs apart);</li>
 *   <li>the mean attribution on each of two saturating copies of one feature ({@link #mean}), then their Spearman
 *       correlation over samples (high: both copies are credited alike).</li>
 * </ul>
 */
public final class AxiomMetrics {
    /** Added to numerator and denominator of {@link #patchContrast}, as in the reference code. */
    static final double EPS = 1e-5;

    private AxiomMetrics() {
    }

    /** Sum of the map over the patch. */
    public static double sum(double[][] map, PatchPosition p) {
        double s = 0;
        for (int r = p.row(); r < p.row() + p.size(); r++) {
            for (int c = p.col(); c < p.col() + p.size(); c++) {
                s += map[r][c];
            }
        }
        return s;
    }

    /** Mean of the map over the patch. */
    public static double mean(double[][] map, PatchPosition p) {
        return sum(map, p) / ((double) p.size() * p.size());
    }

    /** {@code sum over the null patch / sum over the driving patch}; NaN when the map is 0 on the driving patch. */
    public static double nullRatio(double[][] map, PatchPosition nullPatch, PatchPosition driver) {
        double d = sum(map, driver);
        return d > 0 ? sum(map, nullPatch) / d : Double.NaN;
    }

    /**
     * {@code [sum_A min(h1, h2) + sum_B min(h1, h2)] / [sum_A h1 + sum_B h2]} for output 1 driven by patch A and
     * output 2 by patch B; NaN when both maps are 0 on their own patches.
     */
    public static double overlap(double[][] h1, double[][] h2, PatchPosition a, PatchPosition b) {
        double shared = 0;
        for (PatchPosition p : new PatchPosition[] {a, b}) {
            for (int r = p.row(); r < p.row() + p.size(); r++) {
                for (int c = p.col(); c < p.col() + p.size(); c++) {
                    shared += Math.min(h1[r][c], h2[r][c]);
                }
            }
        }
        double own = sum(h1, a) + sum(h2, b);
        return own > 0 ? shared / own : Double.NaN;
    }

    /** {@code (mean inside the patch + eps) / (mean outside it + eps)}. */
    public static double patchContrast(double[][] map, PatchPosition p) {
        double total = 0;
        int pixels = 0;
        for (double[] row : map) {
            for (double v : row) {
                total += v;
                pixels++;
            }
        }
        double inside = sum(map, p);
        double outsideMean = (total - inside) / (pixels - (double) p.size() * p.size());
        return (inside / ((double) p.size() * p.size()) + EPS) / (outsideMean + EPS);
    }

    /** Spearman's rank correlation (Commons Math; ties get their mean rank); NaN for fewer than 3 pairs. */
    public static double spearman(double[] a, double[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("spearman: " + a.length + " vs " + b.length + " values");
        }
        return a.length < 3 ? Double.NaN : new SpearmansCorrelation().correlation(a, b);
    }
}
