package org.xai4j.data;

import java.util.Random;

/**
 * Turns a tissue map and a lesion map into MR-like intensities: per-tissue values jittered per image, a light
 * partial-volume blur, a smooth multiplicative bias field, the optional shortcut confounder, Rician noise, and
 * 16-bit quantisation ({@code round(v * 65535) / 65535}, clamped to [0, 1]) so a 16-bit PNG export round-trips
 * exactly. Channel 0 is FLAIR-like (lesions and oedema bright, CSF dark); channel 1 is T1-like (white matter
 * brighter than grey matter, lesions dark). A haemorrhage is bright on both with a dark rim.
 */
final class MriRenderer {
    /** Intensity per tissue code (BrainAnatomy) then per lesion code 1..4 (LesionPainter), per channel. */
    private static final double[][] TISSUE = {
        // background, scalp, bone, marrow, csf, grey, white, ventricle
        {0, 0.80, 0.05, 0.35, 0.06, 0.47, 0.36, 0.06},
        {0, 0.85, 0.05, 0.65, 0.10, 0.48, 0.72, 0.08},
    };
    private static final double[][] LESION = {
        // none, tumour, necrosis, oedema, ms (each jittered per image)
        {0, 0.82, 0.30, 0.64, 0.80},
        {0, 0.45, 0.18, 0.55, 0.42},
    };
    /**
     * Haemorrhage (code 5: subacute blood, bright on FLAIR and T1) and its haemosiderin rim (code 6: dark on both),
     * not jittered so that images without one keep their random draws.
     */
    private static final double[][] BLEED = {
        {0.90, 0.14},
        {0.80, 0.22},
    };

    /** Confounder effect applied to one image. */
    enum Effect { NONE, INTENSITY, NOISE, MARKER }

    private MriRenderer() {
    }

    /**
     * @param boost null, or (hard preset) per pixel the relative FLAIR increase of an MS lesion over its tissue
     *              ({@link HardMsLesions}); it also turns on the hard preset's scanner variation (gain +-25%,
     *              tissue contrasts +-12%, a gamma of 1 +- 0.2)
     */
    static float[] render(BrainAnatomy a, byte[] lesion, double[] boost, int channels, double noise,
                          double biasField, Effect effect, Random rng) {
        int s = a.size;
        int n = s * s;
        boolean hard = boost != null;
        float[] out = new float[channels * n];
        double gain = 1 + (hard ? 0.25 : 0.1) * BrainAnatomy.sym(rng);
        SeparableField bias = SeparableField.random(s, 2, 0.5, 2.0, biasField * rng.nextDouble(), rng);
        SeparableField texture = SeparableField.random(s, 2, 6, 12, 0.03, rng);
        double sigma = noise * (1 + 0.25 * BrainAnatomy.sym(rng));
        if (effect == Effect.NOISE) {
            sigma *= 3;
        }
        NoiseStream gauss = new NoiseStream(rng.nextLong());
        double gamma = hard ? 1 + 0.2 * BrainAnatomy.sym(rng) : 1;
        double[] clean = new double[n];
        double[] tmp = new double[n];
        for (int c = 0; c < channels; c++) {
            double[] tissue = jitter(TISSUE[c], hard ? 0.12 : 0.06, rng);
            double[] lesions = java.util.Arrays.copyOf(jitter(LESION[c], 0.06, rng), LESION[c].length + 2);
            lesions[LesionPainter.HAEMORRHAGE] = BLEED[c][0];
            lesions[LesionPainter.HAEMOSIDERIN] = BLEED[c][1];
            for (int i = 0; i < n; i++) {
                byte l = lesion[i];
                byte t = a.tissue[i];
                double v;
                if (hard && (l == LesionPainter.MS || (l == LesionPainter.NONE && boost[i] > 0))) {
                    v = tissue[t] * (c == 0 ? 1 + boost[i] : 1 - 0.6 * boost[i]);
                } else {
                    v = l != LesionPainter.NONE ? lesions[l] : tissue[t];
                }
                if (t != BrainAnatomy.BACKGROUND) {
                    v *= 1 + texture.at(i % s, i / s);
                }
                clean[i] = hard ? Math.pow(v, gamma) : v;
            }
            blur(clean, tmp, s);
            int base = c * n;
            for (int y = 0; y < s; y++) {
                for (int x = 0; x < s; x++) {
                    int i = y * s + x;
                    double v = clean[i] * gain * (1 + bias.at(x, y));
                    if (effect == Effect.INTENSITY) {
                        v = v * 1.2 + 0.05;
                    }
                    double re = v + sigma * gauss.gaussian();
                    double im = sigma * gauss.gaussian();
                    out[base + i] = quantise(Math.sqrt(re * re + im * im));
                }
            }
            if (effect == Effect.MARKER) {
                for (int i : markerPixels(s)) {
                    out[base + i] = 1f;
                }
            }
        }
        return out;
    }

    /** Pixels (row-major indices) of the bright corner marker of the {@code marker} confounder. */
    static int[] markerPixels(int size) {
        int side = Math.max(2, Math.round(3 * size / 64f));
        int offset = Math.max(1, Math.round(2 * size / 64f));
        int[] px = new int[side * side];
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                px[y * side + x] = (offset + y) * size + offset + x;
            }
        }
        return px;
    }

    /** Clamps to [0, 1] and rounds to the nearest 16-bit level. */
    static float quantise(double v) {
        float f = (float) Math.min(1.0, Math.max(0.0, v));
        return Math.round(f * 65535) / 65535f;
    }

    private static double[] jitter(double[] values, double amount, Random rng) {
        double[] out = values.clone();
        for (int i = 1; i < out.length; i++) {
            out[i] *= 1 + amount * BrainAnatomy.sym(rng);
        }
        return out;
    }

    /** Separable [1, 4, 1] / 6 blur with clamped borders, in place. */
    private static void blur(double[] img, double[] tmp, int s) {
        for (int y = 0; y < s; y++) {
            for (int x = 0; x < s; x++) {
                int i = y * s + x;
                tmp[i] = (img[y * s + Math.max(0, x - 1)] + 4 * img[i] + img[y * s + Math.min(s - 1, x + 1)]) / 6;
            }
        }
        for (int y = 0; y < s; y++) {
            for (int x = 0; x < s; x++) {
                int i = y * s + x;
                img[i] = (tmp[Math.max(0, y - 1) * s + x] + 4 * tmp[i] + tmp[Math.min(s - 1, y + 1) * s + x]) / 6;
            }
        }
    }
}
