package org.xai4j.faithfulness.axioms;

/**
 * Settings of the patch synthesis; defaults ({@link #defaults}) follow the reference code of Khakzar et al. (CVPR
 * 2022) where it states them, scaled to our image sizes.
 *
 * @param patchSize     patch side in pixels, a multiple of 4 (default a quarter of the image side)
 * @param maxIterations optimisation steps before a sample is given up (reference: 1000-1500 on ImageNet; default 400)
 * @param warmup        steps that only raise each patch's own output before the balanced objective ("warm start on
 *                      the patch's own target"; reference: 300 of 1000; default 30% of maxIterations)
 * @param checkFrom     first step at which the stopping condition is tested (reference 50)
 * @param accuracy      every driven output's sigmoid must exceed this (reference 0.94)
 * @param independence  every relative output change that must vanish must stay below this (reference 0.14)
 * @param lr            RMSprop learning rate of the decoders (reference 0.01)
 * @param alpha         EMA rate of the balancing keys (appendix C: 0.1)
 * @param initialKey    initial value of every key (appendix C: kappa = 0.5)
 * @param gamma         focal exponent of the balancing weights (reference 0.8)
 * @param contrast      one-logit null scenario: least standard deviation of the null patch, in units of the image
 *                      range (default 0.15), which keeps it a visible texture the decision must ignore
 * @param seed          seed of decoders, backgrounds and placements
 */
public record SynthesisOptions(int patchSize, int maxIterations, int warmup, int checkFrom, double accuracy,
                               double independence, double lr, double alpha, double initialKey, double gamma,
                               double contrast, long seed) {
    public SynthesisOptions {
        if (maxIterations < 1 || warmup < 0 || warmup >= maxIterations || checkFrom < 0) {
            throw new IllegalArgumentException("synthesis: need 0 <= warmup < maxIterations and checkFrom >= 0, got "
                    + "warmup " + warmup + ", maxIterations " + maxIterations + ", checkFrom " + checkFrom);
        }
        if (!(accuracy > 0.5 && accuracy < 1) || !(independence > 0 && independence < 1)) {
            throw new IllegalArgumentException("synthesis: accuracy in (0.5, 1) and independence in (0, 1), got "
                    + accuracy + ", " + independence);
        }
    }

    /** The defaults for images of side {@code imageSize} and {@code maxIterations} steps. */
    public static SynthesisOptions defaults(int imageSize, int maxIterations, long seed) {
        int patch = Math.max(4, imageSize / 4 / 4 * 4);
        return new SynthesisOptions(patch, maxIterations, (int) (0.3 * maxIterations), Math.min(50, maxIterations / 4),
                0.94, 0.14, 0.01, 0.1, 0.5, 0.8, 0.15, seed);
    }
}
